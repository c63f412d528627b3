export { MappingRepository, type MappingScope, type MappingWriteResult } from "./repository";
