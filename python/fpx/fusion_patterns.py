"""The memory-bound blocks of an LLM decoder layer as linalg on tensors.

Each pattern is written the way frontends import it (f16 tensors, f32
arithmetic inside the payloads, one linalg op per framework op), so that
`--fpx-fusion-plan` has real groups to find. `emit(name, tokens, hidden)`
returns a function `@<name>` with static shapes; `reference(name, *arrays)`
computes the same block with numpy in float64, for tests.
"""
import numpy as np

PATTERNS = ("add_rmsnorm", "layernorm_gelu", "silu_mul", "softmax", "rope")
# Not in the benchmark's list: per-head RMSNorm (QK-norm) written with
# reshapes the way the ONNX importer writes it, for the GPU tests.
EXTRA_PATTERNS = ("qk_rmsnorm",)
HEAD_DIM = 128
EPS = 1e-5


def _maps():
    return """#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
#r1 = affine_map<(d0) -> (d0)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#td3 = affine_map<(d0, d1, d2) -> (d0, d2)>
#row3 = affine_map<(d0, d1, d2) -> (d0, d1)>
#bc3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#col3 = affine_map<(d0, d1, d2) -> (d2)>
"""


def _add_rmsnorm(t, h):
    return f"""
func.func @add_rmsnorm(%x: tensor<{t}x{h}xf16>, %res: tensor<{t}x{h}xf16>, %g: tensor<{h}xf16>) -> (tensor<{t}x{h}xf16>, tensor<{t}x{h}xf16>) {{
  %e = tensor.empty() : tensor<{t}x{h}xf16>
  %sum = linalg.add ins(%x, %res : tensor<{t}x{h}xf16>, tensor<{t}x{h}xf16>) outs(%e : tensor<{t}x{h}xf16>) -> tensor<{t}x{h}xf16>
  %zero = arith.constant 0.0 : f32
  %er = tensor.empty() : tensor<{t}xf32>
  %init = linalg.fill ins(%zero : f32) outs(%er : tensor<{t}xf32>) -> tensor<{t}xf32>
  %ss = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%sum : tensor<{t}x{h}xf16>) outs(%init : tensor<{t}xf32>) {{
    ^bb0(%a: f16, %acc: f32):
      %f = arith.extf %a : f16 to f32
      %sq = arith.mulf %f, %f : f32
      %s = arith.addf %sq, %acc : f32
      linalg.yield %s : f32
  }} -> tensor<{t}xf32>
  %rstd = linalg.generic {{indexing_maps = [#r1, #r1], iterator_types = ["parallel"]}}
      ins(%ss : tensor<{t}xf32>) outs(%er : tensor<{t}xf32>) {{
    ^bb0(%a: f32, %o: f32):
      %n = arith.constant {1.0 / h:.10e} : f32
      %eps = arith.constant {EPS:e} : f32
      %m = arith.mulf %a, %n : f32
      %me = arith.addf %m, %eps : f32
      %r = math.rsqrt %me : f32
      linalg.yield %r : f32
  }} -> tensor<{t}xf32>
  %y = linalg.generic {{indexing_maps = [#id, #row, #col, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%sum, %rstd, %g : tensor<{t}x{h}xf16>, tensor<{t}xf32>, tensor<{h}xf16>) outs(%e : tensor<{t}x{h}xf16>) {{
    ^bb0(%a: f16, %r: f32, %w: f16, %o: f16):
      %f = arith.extf %a : f16 to f32
      %wf = arith.extf %w : f16 to f32
      %n = arith.mulf %f, %r : f32
      %v = arith.mulf %n, %wf : f32
      %out = arith.truncf %v : f32 to f16
      linalg.yield %out : f16
  }} -> tensor<{t}x{h}xf16>
  return %sum, %y : tensor<{t}x{h}xf16>, tensor<{t}x{h}xf16>
}}
"""


def _layernorm_gelu(t, h):
    return f"""
func.func @layernorm_gelu(%x: tensor<{t}x{h}xf16>, %gamma: tensor<{h}xf16>, %beta: tensor<{h}xf16>) -> tensor<{t}x{h}xf16> {{
  %e = tensor.empty() : tensor<{t}x{h}xf16>
  %ef = tensor.empty() : tensor<{t}x{h}xf32>
  %er = tensor.empty() : tensor<{t}xf32>
  %zero = arith.constant 0.0 : f32
  %init = linalg.fill ins(%zero : f32) outs(%er : tensor<{t}xf32>) -> tensor<{t}xf32>
  %sum = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%x : tensor<{t}x{h}xf16>) outs(%init : tensor<{t}xf32>) {{
    ^bb0(%a: f16, %acc: f32):
      %f = arith.extf %a : f16 to f32
      %s = arith.addf %f, %acc : f32
      linalg.yield %s : f32
  }} -> tensor<{t}xf32>
  %centered = linalg.generic {{indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%x, %sum : tensor<{t}x{h}xf16>, tensor<{t}xf32>) outs(%ef : tensor<{t}x{h}xf32>) {{
    ^bb0(%a: f16, %s: f32, %o: f32):
      %n = arith.constant {1.0 / h:.10e} : f32
      %f = arith.extf %a : f16 to f32
      %mean = arith.mulf %s, %n : f32
      %c = arith.subf %f, %mean : f32
      linalg.yield %c : f32
  }} -> tensor<{t}x{h}xf32>
  %var = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}}
      ins(%centered : tensor<{t}x{h}xf32>) outs(%init : tensor<{t}xf32>) {{
    ^bb0(%c: f32, %acc: f32):
      %sq = arith.mulf %c, %c : f32
      %s = arith.addf %sq, %acc : f32
      linalg.yield %s : f32
  }} -> tensor<{t}xf32>
  %y = linalg.generic {{indexing_maps = [#id, #row, #col, #col, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%centered, %var, %gamma, %beta : tensor<{t}x{h}xf32>, tensor<{t}xf32>, tensor<{h}xf16>, tensor<{h}xf16>) outs(%e : tensor<{t}x{h}xf16>) {{
    ^bb0(%c: f32, %v: f32, %g: f16, %b: f16, %o: f16):
      %n = arith.constant {1.0 / h:.10e} : f32
      %eps = arith.constant {EPS:e} : f32
      %half = arith.constant 0.5 : f32
      %one = arith.constant 1.0 : f32
      %rsqrt2 = arith.constant 0.70710678118654752 : f32
      %vm = arith.mulf %v, %n : f32
      %ve = arith.addf %vm, %eps : f32
      %r = math.rsqrt %ve : f32
      %gf = arith.extf %g : f16 to f32
      %bf = arith.extf %b : f16 to f32
      %nrm = arith.mulf %c, %r : f32
      %sc = arith.mulf %nrm, %gf : f32
      %z = arith.addf %sc, %bf : f32
      %zs = arith.mulf %z, %rsqrt2 : f32
      %erf = math.erf %zs : f32
      %onep = arith.addf %erf, %one : f32
      %hz = arith.mulf %z, %half : f32
      %gelu = arith.mulf %hz, %onep : f32
      %out = arith.truncf %gelu : f32 to f16
      linalg.yield %out : f16
  }} -> tensor<{t}x{h}xf16>
  return %y : tensor<{t}x{h}xf16>
}}
"""


def _silu_mul(t, h):
    return f"""
func.func @silu_mul(%gate: tensor<{t}x{h}xf16>, %up: tensor<{t}x{h}xf16>) -> tensor<{t}x{h}xf16> {{
  %e = tensor.empty() : tensor<{t}x{h}xf16>
  %silu = linalg.generic {{indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%gate : tensor<{t}x{h}xf16>) outs(%e : tensor<{t}x{h}xf16>) {{
    ^bb0(%a: f16, %o: f16):
      %one = arith.constant 1.0 : f32
      %f = arith.extf %a : f16 to f32
      %n = arith.negf %f : f32
      %x = math.exp %n : f32
      %d = arith.addf %x, %one : f32
      %s = arith.divf %f, %d : f32
      %out = arith.truncf %s : f32 to f16
      linalg.yield %out : f16
  }} -> tensor<{t}x{h}xf16>
  %y = linalg.mul ins(%silu, %up : tensor<{t}x{h}xf16>, tensor<{t}x{h}xf16>) outs(%e : tensor<{t}x{h}xf16>) -> tensor<{t}x{h}xf16>
  return %y : tensor<{t}x{h}xf16>
}}
"""


def _softmax(t, h):
    offset = max(h - t, 0)
    return f"""
func.func @softmax(%x: tensor<{t}x{h}xf16>) -> tensor<{t}x{h}xf16> {{
  %e = tensor.empty() : tensor<{t}x{h}xf16>
  %ef = tensor.empty() : tensor<{t}x{h}xf32>
  %er = tensor.empty() : tensor<{t}xf32>
  %scaled = linalg.generic {{indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%x : tensor<{t}x{h}xf16>) outs(%ef : tensor<{t}x{h}xf32>) {{
    ^bb0(%a: f16, %o: f32):
      %scale = arith.constant {1.0 / np.sqrt(HEAD_DIM):.10e} : f32
      %ninf = arith.constant 0xFF800000 : f32
      %offset = arith.constant {offset} : index
      %i = linalg.index 0 : index
      %j = linalg.index 1 : index
      %last = arith.addi %i, %offset : index
      %masked = arith.cmpi ugt, %j, %last : index
      %f = arith.extf %a : f16 to f32
      %s = arith.mulf %f, %scale : f32
      %v = arith.select %masked, %ninf, %s : f32
      linalg.yield %v : f32
  }} -> tensor<{t}x{h}xf32>
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %minit = linalg.fill ins(%ninf : f32) outs(%er : tensor<{t}xf32>) -> tensor<{t}xf32>
  %max = linalg.reduce ins(%scaled : tensor<{t}x{h}xf32>) outs(%minit : tensor<{t}xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {{
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    }}
  %exp = linalg.generic {{indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%scaled, %max : tensor<{t}x{h}xf32>, tensor<{t}xf32>) outs(%ef : tensor<{t}x{h}xf32>) {{
    ^bb0(%a: f32, %m: f32, %o: f32):
      %d = arith.subf %a, %m : f32
      %ex = math.exp %d : f32
      linalg.yield %ex : f32
  }} -> tensor<{t}x{h}xf32>
  %sinit = linalg.fill ins(%zero : f32) outs(%er : tensor<{t}xf32>) -> tensor<{t}xf32>
  %sum = linalg.reduce ins(%exp : tensor<{t}x{h}xf32>) outs(%sinit : tensor<{t}xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {{
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }}
  %y = linalg.generic {{indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%exp, %sum : tensor<{t}x{h}xf32>, tensor<{t}xf32>) outs(%e : tensor<{t}x{h}xf16>) {{
    ^bb0(%a: f32, %s: f32, %o: f16):
      %q = arith.divf %a, %s : f32
      %out = arith.truncf %q : f32 to f16
      linalg.yield %out : f16
  }} -> tensor<{t}x{h}xf16>
  return %y : tensor<{t}x{h}xf16>
}}
"""


def _rope(t, h):
    heads, d, half = h // HEAD_DIM, HEAD_DIM, HEAD_DIM // 2
    x3 = f"tensor<{t}x{heads}x{d}xf16>"
    return f"""
func.func @rope(%x: {x3}, %cos: tensor<{t}x{d}xf16>, %sin: tensor<{t}x{d}xf16>) -> {x3} {{
  %e = tensor.empty() : {x3}
  %rot = linalg.generic {{indexing_maps = [#id3], iterator_types = ["parallel", "parallel", "parallel"]}}
      outs(%e : {x3}) {{
    ^bb0(%o: f16):
      %half = arith.constant {half} : index
      %i = linalg.index 0 : index
      %hd = linalg.index 1 : index
      %j = linalg.index 2 : index
      %low = arith.cmpi ult, %j, %half : index
      %up = arith.addi %j, %half : index
      %down = arith.subi %j, %half : index
      %p = arith.select %low, %up, %down : index
      %v = tensor.extract %x[%i, %hd, %p] : {x3}
      %n = arith.negf %v : f16
      %r = arith.select %low, %n, %v : f16
      linalg.yield %r : f16
  }} -> {x3}
  %y = linalg.generic {{indexing_maps = [#id3, #id3, #td3, #td3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}}
      ins(%x, %rot, %cos, %sin : {x3}, {x3}, tensor<{t}x{d}xf16>, tensor<{t}x{d}xf16>) outs(%e : {x3}) {{
    ^bb0(%a: f16, %r: f16, %c: f16, %s: f16, %o: f16):
      %af = arith.extf %a : f16 to f32
      %rf = arith.extf %r : f16 to f32
      %cf = arith.extf %c : f16 to f32
      %sf = arith.extf %s : f16 to f32
      %ac = arith.mulf %af, %cf : f32
      %rs = arith.mulf %rf, %sf : f32
      %v = arith.addf %ac, %rs : f32
      %out = arith.truncf %v : f32 to f16
      linalg.yield %out : f16
  }} -> {x3}
  return %y : {x3}
}}
"""


def _qk_rmsnorm(t, h):
    heads, d = h // HEAD_DIM, HEAD_DIM
    x3 = f"tensor<{t}x{heads}x{d}xf16>"
    return f"""
func.func @qk_rmsnorm(%x: tensor<{t}x{h}xf16>, %g: tensor<{d}xf16>) -> tensor<{t}x{h}xf16> {{
  %x3 = tensor.expand_shape %x [[0], [1, 2]] output_shape [{t}, {heads}, {d}] : tensor<{t}x{h}xf16> into {x3}
  %e = tensor.empty() : {x3}
  %er = tensor.empty() : tensor<{t}x{heads}xf32>
  %zero = arith.constant 0.0 : f32
  %init = linalg.fill ins(%zero : f32) outs(%er : tensor<{t}x{heads}xf32>) -> tensor<{t}x{heads}xf32>
  %ss = linalg.generic {{indexing_maps = [#id3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}}
      ins(%x3 : {x3}) outs(%init : tensor<{t}x{heads}xf32>) {{
    ^bb0(%a: f16, %acc: f32):
      %f = arith.extf %a : f16 to f32
      %sq = arith.mulf %f, %f : f32
      %s = arith.addf %sq, %acc : f32
      linalg.yield %s : f32
  }} -> tensor<{t}x{heads}xf32>
  %ss1 = tensor.expand_shape %ss [[0], [1, 2]] output_shape [{t}, {heads}, 1] : tensor<{t}x{heads}xf32> into tensor<{t}x{heads}x1xf32>
  %y = linalg.generic {{indexing_maps = [#id3, #bc3, #col3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}}
      ins(%x3, %ss1, %g : {x3}, tensor<{t}x{heads}x1xf32>, tensor<{d}xf16>) outs(%e : {x3}) {{
    ^bb0(%a: f16, %s: f32, %w: f16, %o: f16):
      %n = arith.constant {1.0 / d:.10e} : f32
      %eps = arith.constant {EPS:e} : f32
      %m = arith.mulf %s, %n : f32
      %me = arith.addf %m, %eps : f32
      %r = math.rsqrt %me : f32
      %f = arith.extf %a : f16 to f32
      %wf = arith.extf %w : f16 to f32
      %p = arith.mulf %f, %r : f32
      %v = arith.mulf %p, %wf : f32
      %out = arith.truncf %v : f32 to f16
      linalg.yield %out : f16
  }} -> {x3}
  %y2 = tensor.collapse_shape %y [[0], [1, 2]] : {x3} into tensor<{t}x{h}xf16>
  return %y2 : tensor<{t}x{h}xf16>
}}
"""


_EMITTERS = {"add_rmsnorm": _add_rmsnorm, "layernorm_gelu": _layernorm_gelu,
             "silu_mul": _silu_mul, "softmax": _softmax, "rope": _rope,
             "qk_rmsnorm": _qk_rmsnorm}


def emit(name, tokens, hidden, suffix=""):
    """The pattern as a function named `name + suffix`."""
    text = _EMITTERS[name](tokens, hidden)
    return text.replace(f"func.func @{name}(", f"func.func @{name}{suffix}(", 1)


def module(functions):
    """A module of (name, tokens, hidden, suffix) patterns."""
    return _maps() + "".join(emit(*f) for f in functions)


def shapes(name, tokens, hidden):
    """Input shapes of the pattern, in argument order."""
    th = (tokens, hidden)
    return {"add_rmsnorm": [th, th, (hidden,)],
            "layernorm_gelu": [th, (hidden,), (hidden,)],
            "silu_mul": [th, th],
            "softmax": [th],
            "rope": [(tokens, hidden // HEAD_DIM, HEAD_DIM),
                     (tokens, HEAD_DIM), (tokens, HEAD_DIM)],
            "qk_rmsnorm": [th, (HEAD_DIM,)]}[name]


def reference(name, *arrays):
    """The pattern in float64 numpy; returns a list of results."""
    a = [np.asarray(x, dtype=np.float64) for x in arrays]
    if name == "add_rmsnorm":
        x, res, g = a
        h = (x + res).astype(np.float16).astype(np.float64)
        rstd = 1.0 / np.sqrt((h * h).mean(-1, keepdims=True) + EPS)
        return [h, h * rstd * g]
    if name == "layernorm_gelu":
        x, gamma, beta = a
        c = x - x.mean(-1, keepdims=True)
        z = c / np.sqrt((c * c).mean(-1, keepdims=True) + EPS) * gamma + beta
        try:
            from scipy.special import erf
        except ImportError:
            from math import erf as scalar_erf
            erf = np.vectorize(scalar_erf)
        return [0.5 * z * (1 + erf(z / np.sqrt(2)))]
    if name == "silu_mul":
        gate, up = a
        silu = (gate / (1 + np.exp(-gate))).astype(np.float16).astype(np.float64)
        return [silu * up]
    if name == "softmax":
        (x,) = a
        t, h = x.shape
        s = x / np.sqrt(HEAD_DIM)
        cols = np.arange(h)[None, :]
        rows = np.arange(t)[:, None] + max(h - t, 0)
        s = np.where(cols > rows, -np.inf, s)
        s = np.exp(s - s.max(-1, keepdims=True))
        return [s / s.sum(-1, keepdims=True)]
    if name == "rope":
        x, cos, sin = a
        half = HEAD_DIM // 2
        rot = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
        return [x * cos[:, None, :] + rot * sin[:, None, :]]
    if name == "qk_rmsnorm":
        x, g = a
        t, h = x.shape
        x3 = x.reshape(t, h // HEAD_DIM, HEAD_DIM)
        rstd = 1.0 / np.sqrt((x3 * x3).mean(-1, keepdims=True) + EPS)
        return [(x3 * rstd * g).reshape(t, h)]
    raise ValueError(name)
