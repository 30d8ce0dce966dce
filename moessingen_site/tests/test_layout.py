"""The shape of the code, as the README's layout table promises it.

- No import circles between first-party modules, function-level imports included: a
  newcomer can read any module knowing only the ones below it.
- ``moessingen_site`` (settings and site-wide pieces) imports no domain app; the domain
  apps plug into it through template tags and hooks.
- No model module over about 500 lines without a reason written in its first lines
  (a docstring that contains "long because").
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("moessingen_site", "concept", "news", "events", "committee", "follow")
DOMAIN_APPS = ("concept", "news", "events", "committee", "follow")
MODEL_MODULE_LINES = 520


def first_party_modules():
    """Module name → path, for every Python file of the apps (tests and migrations aside:
    nothing imports them)."""
    modules = {}
    for app in APPS:
        base = ROOT / app
        if not base.is_dir():
            continue
        for path in base.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imports_of(name, path, modules):
    """The first-party modules ``name`` imports anywhere in its body."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            # `from package import module` names a module; `from module import name` does not.
            targets = [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in modules else origin for alias in node.names]
        for target in targets:
            # The nearest first-party module: `concept.models.MeasurePage` → `concept.models`.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph():
    modules = first_party_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def find_cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_circles():
    graph = import_graph()
    cycles = find_cycles(graph)
    described = [
        " ↔ ".join(cycle) + ": " + "; ".join(f"{a} → {b}" for a in cycle for b in sorted(graph[a]) if b in cycle)
        for cycle in cycles
    ]
    assert not cycles, "Import circles:\n" + "\n".join(described)


def test_the_site_app_imports_no_domain_app():
    graph = import_graph()
    offenders = sorted(
        f"{module} → {target}"
        for module, targets in graph.items()
        if module.split(".")[0] == "moessingen_site"
        for target in targets
        if target.split(".")[0] in DOMAIN_APPS
    )
    assert not offenders, offenders


def test_cycle_finder_sees_a_circle():
    """The check above can fail: a two-module loop and a three-module loop are found."""
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert sorted(find_cycles(graph)) == [["a", "b"], ["c", "d", "e"]]


def test_model_modules_stay_readable():
    too_long = []
    for name, path in first_party_modules().items():
        source = path.read_text()
        if "models.Model" not in source and "(Page)" not in source and "Page):" not in source:
            continue
        lines = source.count("\n")
        docstring = ast.get_docstring(ast.parse(source)) or ""
        if lines > MODEL_MODULE_LINES and "long because" not in docstring:
            too_long.append(f"{name}: {lines} lines")
    assert not too_long, too_long
