#!/usr/bin/env node
import "reflect-metadata";
import { catalogCommand } from "./catalog-command";
import { processIo } from "./io";

void catalogCommand(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
