// Public surface of src/core/gotemplate: Go's text/template for LogQL's
// line_format/label_format, promtail's template stage and ruler templates.
export { parseGoTemplate, type GoTemplate, type GoTemplateOptions } from './template.js';
export { TemplateParseError } from './parser.js';
export { TemplateExecError, type MissingKey } from './exec.js';
export { defineFunc, type FuncMap, type GoFunc, type ParamKind } from './funcs.js';
export { GoTime, GoMapView, goTypeName, isTrue, type GoValue, type GoMap } from './values.js';
export { formatGoFloat, formatValue, goSprint, goSprintf, goSprintln } from './format.js';
export { goBuiltins, htmlEscape, jsEscape, queryEscape } from './builtins.js';
export { sprigFuncs, goReplace, goTrim, goTrimSpace, goTitle } from './sprig.js';
export { castToFloat64, castToInt64 } from './sprig-cast.js';
export { nodeToString, type ListNode, type Node, type ArgNode } from './nodes.js';
