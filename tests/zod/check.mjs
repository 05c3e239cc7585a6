// Runs the generated Zod schemas on a corpus, for tests/tests/validate/zod_differential.rs.
//
//   node check.mjs <compiled module.js> < cases.json > verdicts.json
//
// stdin: a JSON array of [schemaName, value]. stdout: a JSON array, one entry per case, in
// order: { success, issues } with Zod's issues as `safeParse` reports them (the `input` member
// dropped, it only echoes the value).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath] = process.argv.slice(2);
if (!modulePath) {
  console.error("usage: node check.mjs <compiled module.js> < cases.json");
  process.exit(2);
}
const schemas = await import(pathToFileURL(modulePath).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
const verdicts = cases.map(([name, value]) => {
  const schema = schemas[name];
  if (!schema) throw new Error(`the module has no export ${name}`);
  const result = schema.safeParse(value);
  const issues = result.success
    ? []
    : result.error.issues.map(({ input, ...issue }) => issue);
  return { success: result.success, issues };
});
process.stdout.write(JSON.stringify(verdicts));
