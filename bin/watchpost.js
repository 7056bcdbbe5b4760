#!/usr/bin/env node
import { main } from '../dist/watchpost.mjs';

// Exit as soon as the command is done: stdout and stderr are synchronous for
// files, pipes and terminals on Linux, and waiting for the event loop to
// drain adds ~90 ms to a one-shot `watchpost sql`.
process.exit(await main(process.argv.slice(2)));
