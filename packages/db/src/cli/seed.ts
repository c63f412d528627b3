#!/usr/bin/env node
import "reflect-metadata";
import { seedCommand } from "./seed-command";
import { processIo } from "./io";

void seedCommand(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
