import { measureBareIteration, measureIteration } from "./memory.js";

// Bundled by esbuild and run with plain `node --expose-gc`, so RSS shows the client, not the tsx loader.
const [url, mode] = process.argv.slice(2);
const result = mode === "bare" ? await measureBareIteration(url!, 25) : await measureIteration(url!, 25);
process.stdout.write(JSON.stringify(result));
