"""Safe arithmetic formulas over named numbers, for the ``metric`` kind (never ``eval``).

A formula is parsed with :mod:`ast` and only these nodes are accepted: numbers, variable names
(``words``, ``heading.h2``...), ``+ - * / % **``, unary ``-``/``+``, parentheses and calls of a few
``math`` functions (``math.sqrt(x)`` or ``sqrt(x)``). Anything else (attribute access on other
names, subscripts, comprehensions, strings, lambdas) is a config error naming the construct, so
a rule file can never run code. Powers are limited to exponents of magnitude 100 or less.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable, Mapping

__all__ = ["Condition", "Formula", "FormulaError"]

_BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "log": math.log,
    "log10": math.log10,
    "log2": math.log2,
    "exp": math.exp,
    "floor": math.floor,
    "ceil": math.ceil,
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
    "pow": math.pow,
}
_MAX_EXPONENT = 100


class FormulaError(ValueError):
    """A formula or condition that cannot be used (the message says what and where)."""


Node = Callable[[Mapping[str, float]], float]


class Formula:
    """A compiled formula: ``Formula("words / sentences")(counts)``; ``names`` lists its variables."""

    def __init__(self, text: str, known: frozenset[str] | None = None) -> None:
        self.text = text
        self.names: set[str] = set()
        self.known = known
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            raise FormulaError(f"formula is not valid arithmetic: {exc.msg} (column {exc.offset})") from None
        self._run = self._build(tree.body)

    def __call__(self, values: Mapping[str, float]) -> float:
        """The formula's value; ZeroDivisionError / ValueError / OverflowError propagate."""
        return float(self._run(values))

    def _build(self, node: ast.AST) -> Node:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            value = float(node.value)
            return lambda v: value
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right, op = self._build(node.left), self._build(node.right), _BINARY[type(node.op)]
            if isinstance(node.op, ast.Pow):
                return lambda v: _power(left(v), right(v))
            return lambda v: op(left(v), right(v))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self._build(node.operand)
            return (lambda v: -inner(v)) if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.Call) and not node.keywords:
            fn = _function_name(node.func)
            if fn is None or fn not in _FUNCTIONS:
                raise FormulaError(f"unknown function in formula: {ast.unparse(node.func)!r}; use one of {_fn_list()}")
            args = [self._build(a) for a in node.args]
            f = _FUNCTIONS[fn]
            return lambda v: f(*(a(v) for a in args))
        name = _variable_name(node)
        if name is not None:
            if self.known is not None and name not in self.known:
                raise FormulaError(f"unknown variable {name!r} in formula; variables: {', '.join(sorted(self.known))}")
            self.names.add(name)
            return lambda v: float(v[name])
        raise FormulaError(
            f"not allowed in a formula: {ast.unparse(node)!r} (only numbers, variables, + - * / % ** and math functions)"
        )


def _power(base: float, exponent: float) -> float:
    if abs(exponent) > _MAX_EXPONENT:
        raise OverflowError("exponent too large")
    return float(base) ** float(exponent)


def _fn_list() -> str:
    return ", ".join(f"math.{n}" for n in _FUNCTIONS)


def _function_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "math":
        return node.attr
    return None


def _variable_name(node: ast.AST) -> str | None:
    """``words`` or ``heading.h2`` (Vale's dotted form, same as ``heading_h2``)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "heading":
        return f"heading_{node.attr}"
    return None


_CONDITION = re.compile(r"\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*\Z")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


class Condition:
    """Vale's ``condition``: an operator and a number, e.g. ``"> 8.0"``; true means report."""

    def __init__(self, text: str) -> None:
        m = _CONDITION.match(text)
        if m is None:
            raise FormulaError(f"condition {text!r} is not an operator and a number, e.g. '> 8.0'")
        self.text = text.strip()
        self.op, self.bound = m.group(1), float(m.group(2))
        self._cmp = _COMPARE[self.op]

    def __call__(self, value: float) -> bool:
        return self._cmp(value, self.bound)
