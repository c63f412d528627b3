#!/usr/bin/env node
import "reflect-metadata";
import { migrateCommand } from "./migrate-command";
import { processIo } from "./io";

void migrateCommand(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
