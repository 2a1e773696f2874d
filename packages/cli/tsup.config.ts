import { kobikBuild } from "../../tsup.shared.ts";

// `bin` is the `kobik` executable (tsup keeps its shebang and marks it executable). Splitting turns
// each command's dynamic `import()` into its own chunk, so `kobik --help` or `kobik status` does not
// parse the sync engine, the simulators or YAML (see README, "Start-up").
export default kobikBuild({ index: "src/index.ts", bin: "src/bin.ts" }, { splitting: true });
