/**
 * A JSONP body. The leading comment and the escaped line separators follow
 * what BMLT servers (Laravel) send: the comment keeps the body from being
 * read as another file type, and U+2028/U+2029 are not valid in JavaScript
 * string literals before ES2019. The callback name is validated by the query
 * schema, so it cannot carry code.
 */
export function jsonpBody(callback: string, json: string): string {
  return `/**/${callback}(${json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')});`;
}
