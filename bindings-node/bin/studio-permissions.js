#!/usr/bin/env node
// `npx studio-permissions`: the command line of the Rust core, the same
// program as the binary and `python -m studio_permissions`.
'use strict';

process.exitCode = require('../index.js').main(process.argv.slice(2));
