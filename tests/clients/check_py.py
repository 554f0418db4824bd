"""Checks the generated Python modules (tests/data/*_catalog.py) by using them.

    python3 tests/clients/check_py.py tests/data tests/sdk/bodies.json

Imports phala_catalog, edges_catalog and empty_catalog from the first
directory and asserts what a client relies on; replays the bodies that
examples/phala_server.rs answers (tests/sdk/bodies.json). Parses each module
with Python 3.9's grammar too. Exits non-zero on the first failure.
"""

import ast
import builtins
import json
import pathlib
import sys

data = pathlib.Path(sys.argv[1])
records = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
sys.path.insert(0, str(data))
sys.dont_write_bytecode = True

import edges_catalog as edges  # noqa: E402
import empty_catalog as empty  # noqa: E402
import phala_catalog as phala  # noqa: E402

checks = 0


def check(condition, what):
    global checks
    checks += 1
    assert condition, what


for name in ("phala_catalog", "edges_catalog", "empty_catalog"):
    source = (data / f"{name}.py").read_text(encoding="utf-8")
    tree = ast.parse(source, filename=f"{name}.py", feature_version=(3, 9))
    check(source.isascii(), f"{name}.py is ASCII")
    defined = [node.name for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))]
    check(len(defined) == len(set(defined)), f"{name}.py defines no name twice")
    # The module's own code: its functions and base classes (the table of
    # classes names the catalog's classes, `print` among them in edges).
    own = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        or (isinstance(node, ast.ClassDef) and node.name in ("ErrorCode", "Detail", "Link", "CatalogError"))
    ]
    used = {node.id for part in own for node in ast.walk(part) if isinstance(node, ast.Name)} & set(dir(builtins))
    check(not used & set(defined), f"{name}.py shadows no builtin it uses: {used & set(defined)}")

# The enum: members, values, facts.
code = phala.ErrorCode.ERR_01_004
check(len(phala.ErrorCode) == 29, "29 codes")
check(phala.ErrorCode("ERR-01-004") is code, "lookup by value")
check(code == "ERR-01-004" and str(code) == "ERR-01-004" and json.dumps(code) == '"ERR-01-004"', "a code is its string")
check({"ERR-01-004": 1}.get(code) == 1 and {code: 1}.get("ERR-01-004") == 1, "hashed as its string")
check(code.status == 409 and code.class_name == "DuplicateCvmNameError", "status and class name")
check(code.message == "A CVM with name '{name}' already exists" and code.fields == ("name",), "message template")
check(code.details == ("name",), "details")
check(code.description == "Raised when a CVM name already exists in the workspace (HTTP 409)", "description")
check(phala.ErrorCode.ERR_01_005.status == 465, "custom status")
check(phala.ErrorCode.ERR_01_005.severity is None and phala.ErrorCode.ERR_01_005.retryable is None, "no severity")
check(code.url is None, "no page without a link_template")
check([member.value for member in phala.ErrorCode][:2] == ["ERR-01-001", "ERR-01-002"], "catalog order")

# The exceptions.
check(issubclass(phala.DuplicateCvmNameError, phala.CatalogError), "a class per class name")
check(issubclass(phala.CatalogError, Exception), "an exception")
check(phala.DuplicateCvmNameError.codes == (code,), "its codes")
check(phala.error_class("ERR-01-004") is phala.DuplicateCvmNameError, "class of a code")
check(phala.error_class("ERR-09-999") is phala.CatalogError, "class of an unknown code")
check(all(phala.ERROR_CLASSES[member.value].codes.count(member) == 1 for member in phala.ErrorCode), "every code")


def fill(template, fields, error):
    """The message a template gives when every field it reads is a detail."""
    message = template
    for field in fields:
        if not any(detail.field == field for detail in error.details):
            return None
        message = message.replace("{" + field + "}", str(error.detail(field)))
    return message


# What the server answers: every flat error body becomes its class, with
# facts that agree; problem documents and successes become None.
flat_errors = 0
for fmt, items in records["formats"].items():
    for record in items:
        body = json.loads(record["raw"])
        error = phala.error_from_body(body)
        what = f"{record['name']} ({fmt}, {record['status']})"
        if fmt == "flat" and record["status"] >= 400:
            flat_errors += 1
            check(type(error) is phala.ERROR_CLASSES[body["error_code"]], f"{what}: class")
            check(error.code.status == record["status"], f"{what}: status")
            check(error.error_code == body["error_code"] and error.message == body["message"], f"{what}: code, message")
            check(error.request_id == "rid-123" and str(error) == body["message"], f"{what}: request id, str")
            check(all(detail.field in error.code.details for detail in error.details), f"{what}: details")
            expected = fill(error.code.message, error.code.fields, error)
            check(expected in (None, error.message), f"{what}: message")
            try:
                raise error
            except phala.CatalogError as caught:
                check(caught is error, f"{what}: raised")
        else:
            check(error is None, f"{what}: not a catalog body")
check(flat_errors >= 3, "flat error bodies replayed")

# An unknown code is kept, under the base class.
unknown = phala.error_from_body({"error_code": "ERR-09-999", "message": "new", "suggestions": ["wait"]})
check(type(unknown) is phala.CatalogError, "unknown code: base class")
check(unknown.code is None and unknown.error_code == "ERR-09-999" and unknown.suggestions == ("wait",), "unknown code")

# error_from_body accepts exactly the flat body, like isCatalogError.
body = {
    "error_code": "ERR-01-004",
    "message": "A CVM with name 'web' already exists",
    "request_id": "rid-1",
    "details": [{"field": "name", "value": "web", "message": None}],
    "suggestions": ["Pick another name"],
    "links": [{"url": "https://docs.example.com", "label": "Docs"}],
}
error = phala.error_from_body(body)
check(isinstance(error, phala.DuplicateCvmNameError) and error.detail("name") == "web", "a full body")
check(error.details == (phala.Detail("name", "web", None),), "details as Detail")
check(error.links == (phala.Link("https://docs.example.com", "Docs"),), "links as Link")
check(phala.error_from_body({**body, "server_time": 1}) is not None, "a member added by a newer server")
rejected = {
    "None": None,
    "a list": [body],
    "a string": json.dumps(body),
    "no message": {"error_code": "ERR-01-004"},
    "a code that is not a string": {**body, "error_code": 4},
    "a null request id": {**body, "request_id": None},
    "details not a list": {**body, "details": {"field": "name"}},
    "a detail without value": {**body, "details": [{"field": "name", "message": None}]},
    "a detail without message": {**body, "details": [{"field": "name", "value": "web"}]},
    "a suggestion that is not a string": {**body, "suggestions": [1]},
    "a link without label": {**body, "links": [{"url": "https://docs.example.com"}]},
}
for what, value in rejected.items():
    check(phala.error_from_body(value) is None, f"rejects {what}")

# The catalog of edge cases: one class owns two codes; names made identifiers.
revealed = edges.ErrorCode("E\"\\'\xe903\u2028003")
hidden = edges.ErrorCode("E\"\\'\xe903\u2028004")
check(edges.CvmNotInWorkspaceError.codes == (revealed, hidden), "one class, two codes")
for member, status in ((revealed, 403), (hidden, 404)):
    error = edges.error_from_body({"error_code": member.value, "message": "m"})
    check(type(error) is edges.CvmNotInWorkspaceError and error.code is member, f"{member.value!r}: class")
    check(member.status == status and member.class_name == "CvmNotInWorkspaceError", f"{member.value!r}: facts")
classes = {
    "class_": "class",
    "None_": "None",
    "CatalogError_": "CatalogError",
    "str_": "str",
    "Error_1Bad": "1Bad",
    "Error_______": "\u041e\u0448\u0438\u0431\u043a\u0430",
    "Foo_Error": "Foo-Error",
    "Foo_Error_2": "Foo_Error",
    "Error___proto__": "__proto__",
    "print": "print",
    "Texts___": "Texts */",
}
for identifier, name in classes.items():
    cls = getattr(edges, identifier)
    check(issubclass(cls, edges.CatalogError) and cls is not edges.CatalogError, f"{identifier}: a subclass")
    check([member.class_name for member in cls.codes] == [name], f"{identifier}: class name {name!r}")
check(not hasattr(edges, "str") and edges.error_class("x") is edges.CatalogError, "nothing shadowed")
# `from edges_catalog import *` shadows no builtin; every name of __all__ exists.
star = {}
exec("from edges_catalog import *", star)
check(star.get("print", builtins.print) is builtins.print, "import * keeps print")
check(not set(star) - {"__builtins__"} & set(dir(builtins)), "import * shadows no builtin")
check(issubclass(edges.print, edges.CatalogError) and "print" not in edges.__all__, "print stays edges.print")
for module in (phala, edges, empty):
    check(all(hasattr(module, name) for name in module.__all__), f"{module.__name__}.__all__ names what it defines")
    check("ErrorCode" in module.__all__ and "error_from_body" in module.__all__, f"{module.__name__}.__all__: the API")
check(len(phala.__all__) == 7 + 29, "phala exports its API and a class per class name")
texts = edges.ErrorCode("E\"\\'\xe902\u2028001")
check(texts.status == 599 and texts.class_name == "Texts */", "edge status and name")
check(
    texts.message
    == "\" ' \\ {{braces}} ${{x}} `tick` */ \"\"\" line\nbreak\r\ttab nul\x00 ls\u2028 rlo\u202e \xe9 \U0001F600 {value}",
    "edge message",
)
check(texts.description == "ends */ // # \"\"\" '''\n<script>\u2029", "edge description")
check(texts.details == ('a "quoted" field\n',) and texts.fields == ("value",), "edge details")
check(edges.__doc__.startswith('The error codes of the "edges" API */ """\n# end:'), "module docstring")

# A catalog without codes.
check(len(empty.ErrorCode) == 0 and empty.ERROR_CLASSES == {}, "no code")
error = empty.error_from_body({"error_code": "ERR-01-004", "message": "m"})
check(type(error) is empty.CatalogError and error.code is None, "every code unknown")

print(f"py {sys.version.split()[0]}: {checks} checks passed")
