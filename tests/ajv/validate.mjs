// Validate documents with ajv in strict mode, as an independent (non-Python) validator would.
// Input (stdin): {"schemas": [schema, ...], "cases": [{"schema": "$id", "document": ...}, ...]}
// Output (stdout): {"compiled": ["$id", ...], "verdicts": [true | [error, ...], ...]}
// Any strict-mode complaint about a schema is an exception: the process fails loudly.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fs from "fs";

const job = JSON.parse(fs.readFileSync(0, "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const schema of job.schemas) ajv.addSchema(schema);
const compiled = job.schemas.map((schema) => {
  ajv.getSchema(schema.$id); // compiles now, so a strict-mode error surfaces here
  return schema.$id;
});
const verdicts = job.cases.map(({ schema, document }) => {
  const validate = ajv.getSchema(schema);
  return validate(document) ? true : validate.errors;
});
process.stdout.write(JSON.stringify({ compiled, verdicts }));
