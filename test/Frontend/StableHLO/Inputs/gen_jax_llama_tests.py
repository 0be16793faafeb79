#!/usr/bin/env python3
"""Generates the lit tests that run real JAX exports on the CPU path.

Inputs (made on a machine with JAX by export_jax_llama.py, JAX 0.11.2):
llama_args_{f32,bf16}.mlir, llama_const_f32.mlir and llama_jax.json (the
weights, tokens and JAX's logits). Each test is the exported module, left
as JAX printed it, plus an `@entry` function that feeds the weights and
tokens, calls the exported `@main` and prints the largest error against
JAX's logits relative to their largest magnitude. The FP6 test also keeps
an unquantized copy (`@main_reference`, skipped by the quantizer) and
prints the top-1 agreement and the cosine similarity of the logits.

Usage: gen_jax_llama_tests.py  (writes next to this script's parent)
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
record = json.load(open(os.path.join(HERE, "llama_jax.json")))
# JAX flattens the parameter dict in sorted key order, tokens last.
ORDER = sorted(record["params"])


def literal(values):
    if isinstance(values, list):
        return "[" + ", ".join(literal(v) for v in values) + "]"
    return repr(float(values)) if isinstance(values, float) else str(values)


def shape_of(values):
    shape = []
    while isinstance(values, list):
        shape.append(len(values))
        values = values[0]
    return shape


def tensor(shape, elem):
    return "tensor<" + "x".join(map(str, shape)) + f"x{elem}>"


REDUCE = """
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %acc:2 = linalg.generic {{indexing_maps = [#id, #id, #all, #all],
                           iterator_types = ["reduction", "reduction"]}}
      ins(%got32, %ref : tensor<8x64xf32>, tensor<8x64xf32>)
      outs(%init, %init : tensor<f32>, tensor<f32>) {{
  ^bb0(%a: f32, %b: f32, %dmax: f32, %rmax: f32):
    %d = arith.subf %a, %b : f32
    %ad = math.absf %d : f32
    %ab = math.absf %b : f32
    %m0 = arith.maximumf %dmax, %ad : f32
    %m1 = arith.maximumf %rmax, %ab : f32
    linalg.yield %m0, %m1 : f32, f32
  }} -> (tensor<f32>, tensor<f32>)
  %num = tensor.extract %acc#0[] : tensor<f32>
  %den = tensor.extract %acc#1[] : tensor<f32>
  %rel = arith.divf %num, %den : f32
  vector.print str "max relative error vs JAX: "
  vector.print %rel : f32
"""

COMPARE_QUANTIZED = """
  // Top-1 agreement (tokens whose argmax agrees) and cosine similarity.
  %e2 = tensor.empty() : tensor<8xi32>
  %c0i = arith.constant 0 : i32
  %eq0 = linalg.fill ins(%c0i : i32) outs(%e2 : tensor<8xi32>) -> tensor<8xi32>
  %ef = tensor.empty() : tensor<8xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %mx0 = linalg.fill ins(%ninf : f32) outs(%ef : tensor<8xf32>) -> tensor<8xf32>
  %am:4 = linalg.generic {{indexing_maps = [#id, #id, #row, #row, #row, #row],
                          iterator_types = ["parallel", "reduction"]}}
      ins(%got32, %ref : tensor<8x64xf32>, tensor<8x64xf32>)
      outs(%mx0, %eq0, %mx0, %eq0 : tensor<8xf32>, tensor<8xi32>, tensor<8xf32>, tensor<8xi32>) {{
  ^bb0(%a: f32, %b: f32, %ma: f32, %ia: i32, %mb: f32, %ib: i32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %ga = arith.cmpf ogt, %a, %ma : f32
    %gb = arith.cmpf ogt, %b, %mb : f32
    %na = arith.select %ga, %a, %ma : f32
    %nia = arith.select %ga, %ji, %ia : i32
    %nb = arith.select %gb, %b, %mb : f32
    %nib = arith.select %gb, %ji, %ib : i32
    linalg.yield %na, %nia, %nb, %nib : f32, i32, f32, i32
  }} -> (tensor<8xf32>, tensor<8xi32>, tensor<8xf32>, tensor<8xi32>)
  %ec = tensor.empty() : tensor<i32>
  %cnt0 = linalg.fill ins(%c0i : i32) outs(%ec : tensor<i32>) -> tensor<i32>
  %cnt = linalg.generic {{indexing_maps = [#vec, #vec, #none], iterator_types = ["reduction"]}}
      ins(%am#1, %am#3 : tensor<8xi32>, tensor<8xi32>) outs(%cnt0 : tensor<i32>) {{
  ^bb0(%x: i32, %y: i32, %c: i32):
    %same = arith.cmpi eq, %x, %y : i32
    %one = arith.extui %same : i1 to i32
    %s = arith.addi %c, %one : i32
    linalg.yield %s : i32
  }} -> tensor<i32>
  %agree = tensor.extract %cnt[] : tensor<i32>
  vector.print str "top-1 agreement (of 8): "
  vector.print %agree : i32
  %cos:3 = linalg.generic {{indexing_maps = [#id, #id, #all, #all, #all],
                           iterator_types = ["reduction", "reduction"]}}
      ins(%got32, %ref : tensor<8x64xf32>, tensor<8x64xf32>)
      outs(%init, %init, %init : tensor<f32>, tensor<f32>, tensor<f32>) {{
  ^bb0(%a: f32, %b: f32, %ab: f32, %aa: f32, %bb: f32):
    %p = arith.mulf %a, %b : f32
    %q = arith.mulf %a, %a : f32
    %r = arith.mulf %b, %b : f32
    %s0 = arith.addf %ab, %p : f32
    %s1 = arith.addf %aa, %q : f32
    %s2 = arith.addf %bb, %r : f32
    linalg.yield %s0, %s1, %s2 : f32, f32, f32
  }} -> (tensor<f32>, tensor<f32>, tensor<f32>)
  %dot = tensor.extract %cos#0[] : tensor<f32>
  %na2 = tensor.extract %cos#1[] : tensor<f32>
  %nb2 = tensor.extract %cos#2[] : tensor<f32>
  %prod = arith.mulf %na2, %nb2 : f32
  %norm = math.sqrt %prod : f32
  %cosine = arith.divf %dot, %norm : f32
  vector.print str "cosine vs unquantized: "
  vector.print %cosine : f32
"""

MAPS = """#id = affine_map<(d0, d1) -> (d0, d1)>
#all = affine_map<(d0, d1) -> ()>
#row = affine_map<(d0, d1) -> (d0)>
#vec = affine_map<(d0) -> (d0)>
#none = affine_map<(d0) -> ()>
"""


def entry(args_elem, logits_key, quantized):
    lines = ["  func.func @entry() {"]
    call_args, call_types = [], []
    if args_elem:
        for i, name in enumerate(ORDER):
            values = record["params"][name]
            ty = tensor(shape_of(values), args_elem)
            lines.append(f"    %w{i} = arith.constant dense<{literal(values)}> : {ty}")
            call_args.append(f"%w{i}")
            call_types.append(ty)
    lines.append(f"    %tok = arith.constant dense<{literal(record['tokens'])}> : tensor<8xi32>")
    call_args.append("%tok")
    call_types.append("tensor<8xi32>")
    out_elem = args_elem or "f32"
    sig = f"({', '.join(call_types)}) -> {tensor([8, 64], out_elem)}"
    lines.append(f"    %got = call @main({', '.join(call_args)}) : {sig}")
    if out_elem != "f32":
        lines.append(f"    %got32 = arith.extf %got : {tensor([8, 64], out_elem)} to tensor<8x64xf32>")
    else:
        lines.append("    %got32 = tensor.cast %got : tensor<8x64xf32> to tensor<8x64xf32>")
    if quantized:
        lines.append(f"    %ref = call @main_reference({', '.join(call_args)}) : {sig}")
    else:
        lines.append(f"    %ref = arith.constant dense<{literal(record[logits_key])}> : tensor<8x64xf32>")
    body = REDUCE.format() + (COMPARE_QUANTIZED.format() if quantized else "")
    lines += ["  " + l if l else l for l in body.strip("\n").split("\n")]
    lines += ["    return", "  }"]
    return "\n".join(lines)


def module_with_entry(source, extra):
    text = open(os.path.join(HERE, source)).read().rstrip()
    assert text.endswith("}")
    return text[:-1] + extra + "\n}\n"


HEADER = """// GENERATED by Inputs/gen_jax_llama_tests.py from a real JAX {jax} export
// (Inputs/{src}, made by Inputs/export_jax_llama.py): do not edit.
"""

tests = {
    "jax-llama-args-f32.mlir": ("llama_args_f32.mlir", "f32", "logits_args_f32", False,
        "// RUN: fpx-opt %s --inline --convert-stablehlo-to-linalg --fpx-cpu-pipeline \\\n"
        "// RUN: | mlir-runner -e entry -entry-point-result=void -shared-libs=%mlir_c_runner_utils \\\n"
        "// RUN: | FileCheck %s\n"
        "// f32 must match JAX within 1e-4 relative.\n"
        "// CHECK: max relative error vs JAX: {{([0-9]\\.[0-9]+e-(0[5-9]|[1-9][0-9])|0)$}}\n"),
    "jax-llama-args-bf16.mlir": ("llama_args_bf16.mlir", "bf16", "logits_args_bf16", False,
        "// RUN: fpx-opt %s --inline --convert-stablehlo-to-linalg --fpx-cpu-pipeline \\\n"
        "// RUN: | mlir-runner -e entry -entry-point-result=void -shared-libs=%mlir_c_runner_utils \\\n"
        "// RUN: | FileCheck %s\n"
        "// bf16 rounds every intermediate to 8 bits (and JAX rounds in another\n"
        "// order): within 3% of the logits' largest magnitude.\n"
        "// CHECK: max relative error vs JAX: {{(0\\.0[0-2][0-9]*|[0-9]\\.[0-9]+e-(0[3-9]|[1-9][0-9]))$}}\n"),
    "jax-llama-const-f32.mlir": ("llama_const_f32.mlir", None, "logits_const_f32", False,
        "// RUN: fpx-opt %s --inline --convert-stablehlo-to-linalg --fpx-cpu-pipeline \\\n"
        "// RUN: | mlir-runner -e entry -entry-point-result=void -shared-libs=%mlir_c_runner_utils \\\n"
        "// RUN: | FileCheck %s\n"
        "// CHECK: max relative error vs JAX: {{([0-9]\\.[0-9]+e-(0[5-9]|[1-9][0-9])|0)$}}\n"),
}

for name, (src, elem, key, quantized, runs) in tests.items():
    text = module_with_entry(src, "\n" + entry(elem, key, quantized))
    text = MAPS + text
    open(os.path.join(OUT, name), "w").write(
        HEADER.format(jax=record["jax_version"], src=src) + runs + "\n" + text)

# FP6: the closed-over weights quantized at compile time, against an
# unquantized copy of the same function in the same module.
src = open(os.path.join(HERE, "llama_const_f32.mlir")).read().rstrip()
main_fn = re.search(r"  func.func public @main\(.*?\n  }\n", src, re.S).group(0)
reference = main_fn.replace("func.func public @main(", "func.func private @main_reference(")
reference = re.sub(r"\{jax\.result_info = \"[^\"]*\"\}", "", reference)
text = src[:-1] + "\n" + reference + entry(None, "logits_const_f32", True) + "\n}\n"
runs = ("// Quantize before inlining, while the reference still is its own function.\n"
        "// RUN: fpx-opt %s --convert-stablehlo-to-linalg \\\n"
        "// RUN:   --fpx-quantize-weights=\"format=fp6 skip=main_reference\" --inline --fpx-cpu-pipeline \\\n"
        "// RUN: | mlir-runner -e entry -entry-point-result=void -shared-libs=%mlir_c_runner_utils \\\n"
        "// RUN: | FileCheck %s\n"
        "// FP6 E3M2 weights (all 7 projections and the LM head, per-channel scales)\n"
        "// against the unquantized model. Measured on this tiny random model (dim\n"
        "// 32): 5 of 8 top-1 tokens (its logits are nearly flat: top-1 on 8 tokens\n"
        "// is noise), cosine 0.9950. With absmax / 28 scales, before the scale\n"
        "// search, the cosine was 0.9919; a quantizer off by a scale or a rounding\n"
        "// mode falls out of this band too.\n"
        "// CHECK: top-1 agreement (of 8): {{[5-8]}}\n"
        "// CHECK: cosine vs unquantized: 0.99{{[45][0-9]*}}\n")
open(os.path.join(OUT, "jax-llama-const-fp6.mlir"), "w").write(
    HEADER.format(jax=record["jax_version"], src="llama_const_f32.mlir") + runs + "\n" +
    MAPS + text)
print("wrote", sorted(tests) + ["jax-llama-const-fp6.mlir"])
