// RUN: rm -f %t.dot
// RUN: fpx-opt %S/fpx-fusion-plan.mlir --fpx-fusion-plan="dot-file=%t.dot" --mlir-disable-threading -o /dev/null
// RUN: FileCheck %s < %t.dot
// RUN: not fpx-opt %S/fpx-fusion-plan.mlir --fpx-fusion-plan="dot-file=%t.missing/plan.dot" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERR

// The plans of fpx-fusion-plan.mlir as graphviz: one digraph per function,
// one cluster per group with its kind and estimated saving, the ops left
// outside as plain nodes, use-def edges between them.

// CHECK-LABEL: digraph "rmsnorm" {
// CHECK: subgraph cluster_0 {
// CHECK-NEXT: label="group 0 (stitch), saves 34.82 us";
// CHECK: n1 [label="linalg.reduce"];
// CHECK: n4 [label="math.rsqrt"];
// CHECK: }
// CHECK: n0 -> n1;
// CHECK: n6 -> n8;
// CHECK-NEXT: }
// CHECK-LABEL: digraph "softmax" {
// CHECK-LABEL: digraph "layernorm_gelu" {
// CHECK-LABEL: digraph "residual_chain" {
// The diamond: two groups around the matmul, which stays a plain node.
// CHECK-LABEL: digraph "diamond" {
// CHECK: subgraph cluster_0 {
// CHECK: subgraph cluster_1 {
// CHECK: [label="linalg.matmul"];
// CHECK-LABEL: digraph "unknown" {
// CHECK-NOT: subgraph
// CHECK: [label="func.call"];

// ERR: error: cannot write '{{.*}}plan.dot'
