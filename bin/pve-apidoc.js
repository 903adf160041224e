#!/usr/bin/env node
// Entry point of the installed CLI; the TypeScript sources are compiled to lib/ by `npm run compile`.
import { main } from '../lib/generator/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
