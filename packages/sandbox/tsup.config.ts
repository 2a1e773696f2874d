import { kobikBuild } from "../../tsup.shared.ts";

export default kobikBuild({ index: "src/index.ts", "bin/kobik-sandbox": "src/bin/kobik-sandbox.ts" });
