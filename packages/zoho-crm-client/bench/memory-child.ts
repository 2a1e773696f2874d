import { measureBareIteration, measureIteration, sampleNow } from "./memory.js";

// Bundled by esbuild and run with plain `node --expose-gc`, so RSS shows the client, not the tsx loader.
// Modes: `client` (records.iterate), `bare` (the same walk with bare fetch), `empty` (nothing at all:
// the RSS of Node itself, the floor under both).
const [url, mode] = process.argv.slice(2);

async function empty() {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { records: 0, pages: 0, samples: [sampleNow(0)] };
}

const result =
  mode === "empty"
    ? await empty()
    : mode === "bare"
      ? await measureBareIteration(url!, 25)
      : await measureIteration(url!, 25);
process.stdout.write(JSON.stringify(result));
