"""What the tests read from Python files, as Python's own ast sees them.

Reads one request on stdin, {"mode": ..., "files": [...], "stdlibChecks": {...}}, with the files
relative to the working folder, and prints one JSON answer. test/support/python.ts is its reader
and documents each answer's shape; every spec goes through it.

  compile    ["file: line N: Error: message"] for each file that does not compile (warnings as errors)
  imports    every import statement, at any depth
  prints     ["file: line N: print() call"]
  functions  every function and method ("Class.method")
  classes    every class, with its bases, methods and class attributes
  modules    {file: what the module binds, assigns, calls and guards}
  stdlib     the standard library's module names, and which of stdlibChecks' names a module lacks
"""

import ast
import importlib
import json
import sys
import warnings


def source_text(node):
    try:
        return ast.unparse(node)
    except Exception:
        return type(node).__name__


def literal(node):
    """The value of a literal expression, None when it is not one (or has no JSON form: bytes, sets)."""
    try:
        value = ast.literal_eval(node)
        json.dumps(value)
        return value
    except Exception:
        return None


def name_targets(node):
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [t.id for t in targets if isinstance(t, ast.Name)]


# ---------------------------------------------------------------------------------------------
# compile


def compile_error(file, source):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(source, file, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, Warning) as error:
        line = getattr(error, "lineno", None)
        text = getattr(error, "msg", None) or str(error)
        return file + ": " + (("line %s: " % line) if line else "") + type(error).__name__ + ": " + text
    return None


# ---------------------------------------------------------------------------------------------
# imports, prints


def imports_of(file, tree):
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append({"file": file, "line": node.lineno, "module": alias.name, "names": [], "level": 0,
                              "asnames": [alias.asname] if alias.asname else []})
        elif isinstance(node, ast.ImportFrom):
            found.append({"file": file, "line": node.lineno, "module": node.module or "",
                          "names": [a.name for a in node.names], "level": node.level,
                          "asnames": [a.asname or a.name for a in node.names]})
    return found


def prints_of(file, tree):
    return [file + ": line " + str(node.lineno) + ": print() call" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"]


# ---------------------------------------------------------------------------------------------
# functions, classes


def arg_names(a):
    names = [x.arg for x in a.posonlyargs] + [x.arg for x in a.args]
    if a.vararg:
        names.append("*" + a.vararg.arg)
    names += [x.arg for x in a.kwonlyargs]
    if a.kwarg:
        names.append("**" + a.kwarg.arg)
    return names


def is_generator(fn):
    stack = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def functions_of(file, body, prefix=""):
    found = []
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append({
                "file": file,
                "qualname": prefix + node.name,
                "line": node.lineno,
                "args": arg_names(node.args),
                "isGenerator": is_generator(node),
                "isAsync": isinstance(node, ast.AsyncFunctionDef),
                "decorators": [source_text(d) for d in node.decorator_list],
                "returns": source_text(node.returns) if node.returns is not None else None,
                "body": [type(s).__name__ for s in node.body],
            })
        elif isinstance(node, ast.ClassDef):
            found += functions_of(file, node.body, prefix + node.name + ".")
    return found


def classes_of(file, body, prefix=""):
    found = []
    for node in body:
        if not isinstance(node, ast.ClassDef):
            continue
        methods, attributes = [], []
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                methods.append(item.name)
            elif isinstance(item, (ast.Assign, ast.AnnAssign)):
                attributes += name_targets(item)
        found.append({
            "file": file,
            "name": prefix + node.name,
            "line": node.lineno,
            "bases": [source_text(b) for b in node.bases],
            "keywords": {k.arg: source_text(k.value) for k in node.keywords if k.arg},
            "decorators": [source_text(d) for d in node.decorator_list],
            "methods": methods,
            "attributes": attributes,
        })
        found += classes_of(file, node.body, prefix + node.name + ".")
    return found


# ---------------------------------------------------------------------------------------------
# modules


def main_guard_calls(node):
    """The calls of `if __name__ == "__main__":`, or None when `node` is not that guard."""
    test = node.test
    if not (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and literal(test.comparators[0]) == "__main__"):
        return None
    return [{"func": ast.unparse(s.value.func), "args": [ast.unparse(a) for a in s.value.args]}
            for s in node.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)]


def dict_calls(value):
    """Every `dict(...)` call inside an expression, its keyword arguments as literals."""
    return [{k.arg: literal(k.value) for k in call.keywords if k.arg} for call in ast.walk(value)
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "dict"]


def strings_of(tree):
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            found.append("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))
    return found


def module_of(tree):
    info = {"defined": [], "topLevel": [], "assignments": {}, "dictCalls": {}, "dictKeys": {}, "classAttributes": {},
            "calls": {}, "mainGuard": None, "sql": []}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            for name in name_targets(node):
                info["defined"].append(name)
                info["assignments"][name] = literal(node.value) if node.value is not None else None
                if node.value is not None:
                    info["dictCalls"][name] = dict_calls(node.value)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            info["defined"].append(node.name)
        elif isinstance(node, ast.ClassDef):
            info["defined"].append(node.name)
            info["classAttributes"][node.name] = {
                name: literal(item.value)
                for item in node.body if isinstance(item, (ast.Assign, ast.AnnAssign)) and item.value is not None
                for name in name_targets(item)
            }
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            info["topLevel"] += [(a.asname or a.name).split(".")[0] for a in node.names]
        elif isinstance(node, ast.If):
            calls = main_guard_calls(node)
            if calls is not None:
                info["mainGuard"] = calls
    info["topLevel"] = info["defined"] + info["topLevel"]
    for node in ast.walk(tree):
        # ast.walk goes breadth first: a name's outermost dict assignment is met first, and kept
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Dict):
            for name in name_targets(node):
                info["dictKeys"].setdefault(name, [literal(k) if k is not None else None for k in node.value.keys])
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            info["calls"].setdefault(ast.unparse(node.func), []).append({
                "keywords": {k.arg: ast.unparse(k.value) for k in node.keywords if k.arg},
                "args": [ast.unparse(a) for a in node.args],
            })
    info["sql"] = [s for s in strings_of(tree) if "SELECT" in s and "FROM" in s]
    return info


# ---------------------------------------------------------------------------------------------
# stdlib


def stdlib(checks):
    missing = {}
    for module, names in checks.items():
        try:
            imported = importlib.import_module(module)
            missing[module] = [n for n in names if not hasattr(imported, n)]
        except Exception as error:
            missing[module] = ["(module does not import: %s)" % error]
    return {"modules": sorted(sys.stdlib_module_names), "missing": missing}


# ---------------------------------------------------------------------------------------------


PER_FILE = {
    "imports": lambda file, tree: imports_of(file, tree),
    "prints": lambda file, tree: prints_of(file, tree),
    "functions": lambda file, tree: functions_of(file, tree.body),
    "classes": lambda file, tree: classes_of(file, tree.body),
}


def answer(request):
    mode = request["mode"]
    if mode == "stdlib":
        return stdlib(request.get("stdlibChecks", {}))
    found = {} if mode == "modules" else []
    for file in request["files"]:
        with open(file, "rb") as handle:
            source = handle.read()
        if mode == "compile":
            error = compile_error(file, source)
            if error is not None:
                found.append(error)
            continue
        tree = ast.parse(source, file)
        if mode == "modules":
            found[file] = module_of(tree)
        else:
            found += PER_FILE[mode](file, tree)
    return found


json.dump(answer(json.load(sys.stdin)), sys.stdout)
