export {
  MappingRepository,
  type MappingCoverage,
  type MappingScope,
  type MappingWriteResult,
} from "./repository";
