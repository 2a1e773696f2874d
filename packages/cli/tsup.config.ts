import { kobikBuild } from "../../tsup.shared.ts";

// `bin` is the `kobik` executable (tsup keeps its shebang and marks it executable).
export default kobikBuild({ index: "src/index.ts", bin: "src/bin.ts" });
