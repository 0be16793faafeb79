#!/usr/bin/env python3
"""Exports a tiny LLaMA-style model from JAX as StableHLO text (the fixtures
of the JAX frontend tests), with JAX's own outputs as the reference.

Run where JAX is installed (the GPU machine's image); writes into OUT:
  llama_args_f32.mlir    weights as function arguments, f32
  llama_args_bf16.mlir   the same in bf16
  llama_const_f32.mlir   weights closed over (constants in the module)
  llama_jax.json         the weights, the tokens and JAX's logits for each
The model: token embedding, one decoder block (RMSNorm, 4-head causal
attention with rotary embeddings, SwiGLU MLP), final RMSNorm, LM head.

`export_jax_llama.py OUT --train STEPS` instead trains the same model (Adam)
on a synthetic language, a fixed random Markov chain in which each token is
followed by one of 4 tokens with probabilities 0.7, 0.15, 0.1, 0.05
(random-init logits are nearly flat; a trained model's have a margin, which
is what quantization accuracy should be measured on), and writes
  llama_trained_const_f32.mlir   weights closed over, one sequence of 8
  llama_trained_batch_f32.mlir   the same model vmapped over 32 sequences
  llama_trained_jax.json         tokens, batch_tokens (32 held-out
                                 sequences) and JAX's logits for both
"""
import json
import os
import sys

import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_platforms", "cpu")
VOCAB, DIM, HEADS, FFN, TOKENS = 64, 32, 4, 64, 8
HEAD_DIM = DIM // HEADS


def rms_norm(x, g):
    return x * jax.lax.rsqrt(jnp.mean(x * x, axis=-1, keepdims=True) + 1e-5) * g


def rope(x):  # x: [T, H, D]
    t = jnp.arange(x.shape[0], dtype=jnp.float32)[:, None]
    inv = 1.0 / (10000.0 ** (jnp.arange(0, HEAD_DIM, 2, dtype=jnp.float32) / HEAD_DIM))
    ang = t * inv[None, :]
    cos = jnp.cos(ang)[:, None, :].astype(x.dtype)
    sin = jnp.sin(ang)[:, None, :].astype(x.dtype)
    x1, x2 = x[..., : HEAD_DIM // 2], x[..., HEAD_DIM // 2:]
    return jnp.concatenate([x1 * cos - x2 * sin, x1 * sin + x2 * cos], axis=-1)


def model(p, tokens):
    x = p["embed"][tokens]
    h = rms_norm(x, p["g1"])
    q = (h @ p["wq"]).reshape(TOKENS, HEADS, HEAD_DIM)
    k = (h @ p["wk"]).reshape(TOKENS, HEADS, HEAD_DIM)
    v = (h @ p["wv"]).reshape(TOKENS, HEADS, HEAD_DIM)
    q, k = rope(q), rope(k)
    s = jnp.einsum("thd,shd->hts", q, k) / jnp.sqrt(float(HEAD_DIM)).astype(x.dtype)
    mask = jnp.tril(jnp.ones((TOKENS, TOKENS), dtype=bool))
    s = jnp.where(mask[None], s, jnp.finfo(s.dtype).min)
    a = jax.nn.softmax(s, axis=-1)
    o = jnp.einsum("hts,shd->thd", a, v).reshape(TOKENS, DIM)
    x = x + o @ p["wo"]
    h = rms_norm(x, p["g2"])
    x = x + (jax.nn.silu(h @ p["w1"]) * (h @ p["w3"])) @ p["w2"]
    return rms_norm(x, p["gf"]) @ p["lm_head"]


def markov_language(rng):
    """(successors [VOCAB, 4], probabilities [4]) of the language."""
    successors = np.stack([rng.permutation(VOCAB)[:4] for _ in range(VOCAB)])
    return successors, np.array([0.7, 0.15, 0.1, 0.05])


def sample_sequences(language, count, length, rng):
    successors, probs = language
    tokens = np.empty((count, length), dtype=np.int32)
    tokens[:, 0] = rng.integers(0, VOCAB, count)
    for t in range(1, length):
        choice = rng.choice(4, size=count, p=probs)
        tokens[:, t] = successors[tokens[:, t - 1], choice]
    return tokens


def train(p, language, steps, rng):
    """Adam on next-token cross-entropy over batches of 64 sequences."""
    def loss(params, batch):
        logits = jax.vmap(lambda t: model(params, t))(batch[:, :-1])
        logp = jax.nn.log_softmax(logits, axis=-1)
        target = jnp.take_along_axis(logp, batch[:, 1:, None], axis=-1)
        return -jnp.mean(target)

    @jax.jit
    def step(params, m, v, t, batch):
        value, grads = jax.value_and_grad(loss)(params, batch)
        m = jax.tree_util.tree_map(lambda a, g: 0.9 * a + 0.1 * g, m, grads)
        v = jax.tree_util.tree_map(lambda a, g: 0.999 * a + 0.001 * g * g,
                                   v, grads)
        params = jax.tree_util.tree_map(
            lambda w, a, b: w - 3e-3 * (a / (1 - 0.9 ** t)) /
            (jnp.sqrt(b / (1 - 0.999 ** t)) + 1e-8), params, m, v)
        return params, m, v, value

    params = {k: jnp.asarray(w) for k, w in p.items()}
    m = jax.tree_util.tree_map(jnp.zeros_like, params)
    v = jax.tree_util.tree_map(jnp.zeros_like, params)
    for t in range(1, steps + 1):
        batch = jnp.asarray(sample_sequences(language, 64, TOKENS + 1, rng))
        params, m, v, value = step(params, m, v, t, batch)
        if t % 200 == 0 or t == 1 or t == steps:
            print(f"step {t}: loss {float(value):.3f}", file=sys.stderr)
    return {k: np.asarray(w) for k, w in params.items()}


def export_trained(out, p, steps, rng):
    language = markov_language(rng)
    p = train(p, language, steps, rng)
    held_out = np.random.default_rng(7)
    tokens = sample_sequences(language, 1, TOKENS, held_out)[0]
    batch = sample_sequences(language, 32, TOKENS, held_out)
    pc = {k: jnp.asarray(v) for k, v in p.items()}
    one = jax.jit(lambda t: model(pc, t))
    many = jax.jit(jax.vmap(lambda t: model(pc, t)))
    open(os.path.join(out, "llama_trained_const_f32.mlir"), "w").write(
        one.lower(jnp.asarray(tokens)).as_text())
    open(os.path.join(out, "llama_trained_batch_f32.mlir"), "w").write(
        many.lower(jnp.asarray(batch)).as_text())
    record = {"tokens": tokens.tolist(), "batch_tokens": batch.tolist(),
              "logits": np.asarray(one(jnp.asarray(tokens))).tolist(),
              "batch_logits": np.asarray(many(jnp.asarray(batch))).tolist(),
              "train_steps": steps, "jax_version": jax.__version__}
    json.dump(record, open(os.path.join(out, "llama_trained_jax.json"), "w"))
    print("jax", jax.__version__, "wrote", sorted(os.listdir(out)))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(2026)
    shapes = {"embed": (VOCAB, DIM), "g1": (DIM,), "wq": (DIM, DIM),
              "wk": (DIM, DIM), "wv": (DIM, DIM), "wo": (DIM, DIM),
              "g2": (DIM,), "w1": (DIM, FFN), "w3": (DIM, FFN),
              "w2": (FFN, DIM), "gf": (DIM,), "lm_head": (DIM, VOCAB)}
    p = {}
    for name, shape in shapes.items():
        if name.startswith("g"):
            p[name] = (1.0 + 0.1 * rng.standard_normal(shape)).astype(np.float32)
        else:
            p[name] = (rng.standard_normal(shape) / np.sqrt(shape[0])).astype(np.float32)
    if "--train" in sys.argv:
        steps = int(sys.argv[sys.argv.index("--train") + 1])
        return export_trained(out, p, steps, rng)
    tokens = rng.integers(0, VOCAB, TOKENS).astype(np.int32)
    record = {"names": list(shapes), "params": {k: v.tolist() for k, v in p.items()},
              "tokens": tokens.tolist()}
    for dtype, suffix in [(jnp.float32, "f32"), (jnp.bfloat16, "bf16")]:
        pd = {k: jnp.asarray(v, dtype) for k, v in p.items()}
        lowered = jax.jit(model).lower(pd, jnp.asarray(tokens))
        open(os.path.join(out, f"llama_args_{suffix}.mlir"), "w").write(lowered.as_text())
        record[f"logits_args_{suffix}"] = np.asarray(
            jax.jit(model)(pd, jnp.asarray(tokens)), np.float32).tolist()
    pc = {k: jnp.asarray(v) for k, v in p.items()}
    closed = jax.jit(lambda t: model(pc, t))
    open(os.path.join(out, "llama_const_f32.mlir"), "w").write(
        closed.lower(jnp.asarray(tokens)).as_text())
    record["logits_const_f32"] = np.asarray(closed(jnp.asarray(tokens))).tolist()
    record["jax_version"] = jax.__version__
    json.dump(record, open(os.path.join(out, "llama_jax.json"), "w"))
    print("jax", jax.__version__, "wrote", sorted(os.listdir(out)))


if __name__ == "__main__":
    main()
