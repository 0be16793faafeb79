#!/usr/bin/env python3
"""Test helper for fpx-compile and fpx-run, Python standard library only.

Reads and writes .npy files (the subset fpx-run supports), reads .npz and
.safetensors files, and compares model outputs. Independent of FPX's C++
readers and writers, so the tests check them against a second
implementation of each format.

Commands:
  write OUT.npy DESCR SHAPE [VALUE ...]
      An array of DESCR ('<f4', '<f2', '<V2' for bf16, '<i4', '<i8') and
      SHAPE ("2x3", "8", "scalar"), filled with VALUEs repeated (default
      0). Any other DESCR gets a header only, for testing rejections;
      --fortran and --version N change the header.
  llama-inputs JSON OUTDIR (args|const)
      The inputs of the JAX LLaMA exports from llama_jax.json: for "args",
      arg0..arg11 (the parameters in JAX's order, sorted by name) and arg12
      (the tokens); for "const", arg0 (the tokens).
  print FILE.npy|FILE.npz
      Each array: name, descr, shape and values.
  compare-jax OUT.npy JSON KEY TOLERANCE
      Largest |out - JAX| over the largest |JAX| for llama_jax.json's KEY;
      fails when above TOLERANCE.
  agreement A.npy B.npy
      Rows whose argmax agrees, and the cosine similarity of A and B.
  safetensors FILE
      Checks the layout (header size, alignment, offsets that cover the data
      without gaps) and prints every tensor's dtype and shape, then the
      metadata.
  print-tensor FILE NAME
      Tensor NAME of a .safetensors file: dtype, shape and values.
  check-tensor FILE NAME JSON PARAM (copy|fp6-scales)
      Tensor NAME against llama_jax.json's PARAM: "copy" wants the same f32
      values; "fp6-scales" wants the E3M2 per-channel scales of the weight
      (used as x @ W, so one scale per column), as FPX's scale search picks
      them among fp16(max |column| / 28 * (16 + i) / 16), i = 0..15.
  edit-safetensors IN OUT EDIT...
      Copies IN to OUT with its header edited and the data section kept,
      byte for byte: "drop NAME", "dtype NAME DTYPE", "shape NAME 2x8",
      "offsets NAME BEGIN END" (relative to the data section), "set NAME
      INDEX VALUE" (an element of an F16, F32, I32 or BOOL tensor), or
      "header TEXT" (the whole header replaced by TEXT).
  edit-signature IN OUT EDIT...
      Copies signature.json with its weight bindings edited: "drop SYMBOL",
      "symbol SYMBOL NEW", "shape SYMBOL 2x8".
  embedded-constants MODULE
      The LLVM globals of a module.mlir with an initializer of at least 64
      bytes (what weights.safetensors is meant to hold): type and bytes.
"""
import re
import ast
import json
import math
import struct
import sys
import zipfile

# descr -> (struct format of one element, bytes per element)
FORMATS = {"<f4": ("f", 4), "<f2": ("e", 2), "<i4": ("i", 4),
           "<i8": ("q", 8), "<V2": (None, 2), "|V2": (None, 2)}


def bf16_bits(value):
    """bf16 of a value exactly representable in bf16 (the top 16 bits)."""
    return struct.unpack("<I", struct.pack("<f", value))[0] >> 16


def bf16_value(bits):
    return struct.unpack("<f", struct.pack("<I", bits << 16))[0]


def encode(descr, values):
    fmt, size = FORMATS.get(descr, (None, None))
    if size == 2 and fmt is None:
        return b"".join(struct.pack("<H", bf16_bits(v)) for v in values)
    if fmt is None:
        return b""
    cast = float if fmt in "fe" else int
    return struct.pack("<%d%s" % (len(values), fmt), *map(cast, values))


def npy_bytes(descr, shape, data, fortran=False, version=1):
    shape_text = ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "")
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
        descr, fortran, shape_text)
    prefix = 10 if version == 1 else 12
    header += " " * (-(prefix + len(header) + 1) % 64) + "\n"
    length = (struct.pack("<H", len(header)) if version == 1
              else struct.pack("<I", len(header)))
    return (b"\x93NUMPY" + bytes([version, 0]) + length + header.encode()
            + data)


def parse_shape(text):
    return [] if text == "scalar" else [int(s) for s in text.split("x")]


def parse_npy(data):
    assert data[:6] == b"\x93NUMPY", "bad magic"
    if data[6] == 1:
        (length,), start = struct.unpack("<H", data[8:10]), 10
    else:
        (length,), start = struct.unpack("<I", data[8:12]), 12
    assert (start + length) % 64 == 0, "header not padded to 64 bytes"
    header = ast.literal_eval(data[start:start + length].decode("latin1"))
    assert not header["fortran_order"]
    descr, shape = header["descr"], list(header["shape"])
    fmt, size = FORMATS[descr]
    body = data[start + length:]
    count = math.prod(shape)
    assert len(body) == count * size, "data size does not match the shape"
    if fmt is None:
        values = [bf16_value(b) for b in struct.unpack("<%dH" % count, body)]
    else:
        values = list(struct.unpack("<%d%s" % (count, fmt), body))
    return descr, shape, values


def read_npy(path):
    with open(path, "rb") as f:
        return parse_npy(f.read())


def flatten(values):
    if isinstance(values, list):
        return [x for v in values for x in flatten(v)]
    return [values]


def shape_of(values):
    shape = []
    while isinstance(values, list):
        shape.append(len(values))
        values = values[0]
    return shape


def cmd_write(args):
    fortran = "--fortran" in args
    version = 1
    if "--version" in args:
        i = args.index("--version")
        version = int(args[i + 1])
        del args[i:i + 2]
    args = [a for a in args if a != "--fortran"]
    out, descr, shape = args[0], args[1], parse_shape(args[2])
    pattern = [float(v) for v in args[3:]] or [0]
    count = math.prod(shape)
    values = [pattern[i % len(pattern)] for i in range(count)]
    with open(out, "wb") as f:
        f.write(npy_bytes(descr, shape, encode(descr, values), fortran,
                          version))


def cmd_llama_inputs(args):
    record = json.load(open(args[0]))
    out, variant = args[1], args[2]
    arrays = []
    if variant == "args":
        # JAX flattens the parameter dict in sorted key order, tokens last.
        arrays = [record["params"][name] for name in sorted(record["params"])]
    arrays.append(record["tokens"])
    for index, array in enumerate(arrays):
        descr = "<i4" if array is record["tokens"] else "<f4"
        with open("%s/arg%d.npy" % (out, index), "wb") as f:
            f.write(npy_bytes(descr, shape_of(array),
                              encode(descr, flatten(array))))


def format_value(value):
    return "%d" % value if isinstance(value, int) else "%g" % value


def cmd_print(args):
    path = args[0]
    if path.endswith(".npz"):
        with zipfile.ZipFile(path) as archive:
            members = [(info.filename, archive.read(info.filename),
                        info.compress_type) for info in archive.infolist()]
        for name, data, compression in members:
            assert compression == zipfile.ZIP_STORED, "member is compressed"
            print_array(name[:-len(".npy")], *parse_npy(data))
    else:
        print_array(path.rsplit("/", 1)[-1], *read_npy(path))


def print_array(name, descr, shape, values):
    print("%s: %s %s [%s]" % (name, descr, shape,
                              ", ".join(map(format_value, values))))


def cmd_compare_jax(args):
    _, _, values = read_npy(args[0])
    reference = flatten(json.load(open(args[1]))[args[2]])
    tolerance = float(args[3])
    error = max(abs(a - b) for a, b in zip(values, reference))
    error /= max(abs(b) for b in reference)
    verdict = "ok" if error <= tolerance else "TOO LARGE"
    print("max relative error vs JAX: %.3g (tolerance %g: %s)"
          % (error, tolerance, verdict))
    return 0 if verdict == "ok" else 1


def cmd_agreement(args):
    _, shape_a, a = read_npy(args[0])
    _, shape_b, b = read_npy(args[1])
    assert shape_a == shape_b
    rows, cols = shape_a[0], math.prod(shape_a[1:])

    def argmax(v, r):
        row = v[r * cols:(r + 1) * cols]
        return row.index(max(row))

    agree = sum(argmax(a, r) == argmax(b, r) for r in range(rows))
    cosine = sum(x * y for x, y in zip(a, b)) / math.sqrt(
        sum(x * x for x in a) * sum(y * y for y in b))
    print("top-1 agreement (of %d): %d" % (rows, agree))
    print("cosine: %.4f" % cosine)


SAFETENSORS_SIZES = {"F64": 8, "I64": 8, "U64": 8, "F32": 4, "I32": 4,
                     "U32": 4, "F16": 2, "BF16": 2, "I16": 2, "U16": 2,
                     "I8": 1, "U8": 1, "BOOL": 1}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    assert length % 8 == 0, "header not padded to 8 bytes"
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    metadata = header.pop("__metadata__", {})
    spans = []
    for name, info in header.items():
        begin, end = info["data_offsets"]
        size = SAFETENSORS_SIZES[info["dtype"]]
        assert end - begin == size * math.prod(info["shape"]), name
        assert begin % size == 0, name + " is not aligned"
        spans.append((begin, end))
    spans.sort()
    position = 0
    for begin, end in spans:
        assert begin == position, "gap or overlap at byte %d" % begin
        position = end
    assert position == len(body), "the tensors do not cover the data"
    return header, metadata, body


def cmd_safetensors(args):
    header, metadata, _ = read_safetensors(args[0])
    for name in sorted(header):
        print("tensor %s: %s %s" % (name, header[name]["dtype"],
                                    header[name]["shape"]))
    for key in sorted(metadata):
        print("metadata %s: %s" % (key, metadata[key]))


SAFETENSORS_FORMATS = {"F32": "f", "F16": "e", "I32": "i", "I64": "q"}


def cmd_print_tensor(args):
    header, _, body = read_safetensors(args[0])
    info = header[args[1]]
    begin, end = info["data_offsets"]
    fmt = SAFETENSORS_FORMATS[info["dtype"]]
    count = math.prod(info["shape"])
    values = struct.unpack("<%d%s" % (count, fmt), body[begin:end])
    print("%s: %s %s [%s]" % (args[1], info["dtype"], info["shape"],
                              ", ".join(map(format_value, values))))


def f32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def f16(v):
    return struct.unpack("<e", struct.pack("<e", v))[0]


# The 32 magnitudes of E3M2 (bias 3, subnormals), by magnitude code.
E3M2 = [(m / 4 * 2.0 ** -2) if e == 0 else (1 + m / 4) * 2.0 ** (e - 3)
        for e in range(8) for m in range(4)]


def e3m2_scale(channel):
    """FPX's scale of one channel (docs/Numerics.md): of absmax / 28 *
    (16 + i) / 16, i = 0..15, each rounded to fp16 once, the first whose
    codes (nearest E3M2 value, ties to the even code, saturating at 28) have
    the least squared error."""
    absmax = max(abs(v) for v in channel)
    best, best_error = None, None
    for i in range(16):
        scale = f16(absmax * (16 + i) / (16 * 28.0))
        error = 0.0
        for v in channel:
            x = abs(v) / scale
            code = min(range(32), key=lambda c: (abs(E3M2[c] - x), c % 2))
            error += (E3M2[code] * scale - abs(v)) ** 2
        if best is None or error < best_error:
            best, best_error = scale, error
    return best


def cmd_check_tensor(args):
    header, _, body = read_safetensors(args[0])
    info = header[args[1]]
    param = json.load(open(args[2]))["params"][args[3]]
    begin, end = info["data_offsets"]
    raw = body[begin:end]
    if args[4] == "copy":
        got = list(struct.unpack("<%df" % (len(raw) // 4), raw))
        want = [struct.unpack("<f", struct.pack("<f", v))[0]
                for v in flatten(param)]
        assert info["dtype"] == "F32" and info["shape"] == shape_of(param)
    else:
        got = list(struct.unpack("<%de" % (len(raw) // 2), raw))
        rows, cols = shape_of(param)
        want = [e3m2_scale([f32(param[k][n]) for k in range(rows)])
                for n in range(cols)]
        assert info["dtype"] == "F16" and info["shape"] == [cols]
    mismatches = sum(g != w for g, w in zip(got, want))
    print("%s vs %s (%s): %d of %d values differ"
          % (args[1], args[3], args[4], mismatches, len(want)))
    return 0 if mismatches == 0 and len(got) == len(want) else 1


ELEMENT_FORMATS = {"F16": "e", "F32": "f", "I32": "i", "BOOL": "B"}


def cmd_edit_safetensors(args):
    with open(args[0], "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = bytearray(data[8 + length:])
    edits = args[2:]
    text = None
    while edits:
        op, name = edits[0], edits[1]
        if op == "drop":
            del header[name]
            edits = edits[2:]
        elif op == "dtype":
            header[name]["dtype"] = edits[2]
            edits = edits[3:]
        elif op == "shape":
            header[name]["shape"] = [int(d) for d in edits[2].split("x")]
            edits = edits[3:]
        elif op == "offsets":
            header[name]["data_offsets"] = [int(edits[2]), int(edits[3])]
            edits = edits[4:]
        elif op == "set":
            info = header[name]
            fmt = "<" + ELEMENT_FORMATS[info["dtype"]]
            size = struct.calcsize(fmt)
            at = info["data_offsets"][0] + int(edits[2]) * size
            value = float(edits[3]) if fmt[1] in "ef" else int(edits[3])
            body[at:at + size] = struct.pack(fmt, value)
            edits = edits[4:]
        elif op == "header":
            text = name
            edits = edits[2:]
        else:
            raise SystemExit("unknown edit " + op)
    if text is None:
        text = json.dumps(header)
        text += " " * (-len(text) % 8)
    encoded = text.encode()
    with open(args[1], "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + bytes(body))


def cmd_edit_signature(args):
    with open(args[0]) as f:
        signature = json.load(f)
    tensors = signature["weights"]["tensors"]
    edits = args[2:]
    while edits:
        op, symbol = edits[0], edits[1]
        (weight,) = [t for t in tensors if t["symbol"] == symbol]
        if op == "drop":
            tensors.remove(weight)
            edits = edits[2:]
        elif op == "symbol":
            weight["symbol"] = edits[2]
            edits = edits[3:]
        elif op == "shape":
            weight["shape"] = [int(d) for d in edits[2].split("x")]
            edits = edits[3:]
        else:
            raise SystemExit("unknown edit " + op)
    with open(args[1], "w") as f:
        json.dump(signature, f, indent=2)


# Bytes per element of the element types an LLVM global's tensor can have.
TENSOR_ELEMENT_BYTES = {"f64": 8, "i64": 8, "f32": 4, "i32": 4, "f16": 2,
                        "bf16": 2, "i16": 2, "i8": 1, "i1": 1}


def cmd_embedded_constants(args):
    with open(args[0]) as f:
        module = f.read()
    # `llvm.mlir.global ... @name(dense<...> : tensor<64x32xf32>)`.
    pattern = re.compile(r"llvm\.mlir\.global .*?@(\S+?)\(dense<.*?> : "
                         r"tensor<((?:[0-9]+x)*)([a-z0-9]+)>\)")
    for match in pattern.finditer(module):
        dims = [int(d) for d in match.group(2).split("x") if d]
        size = TENSOR_ELEMENT_BYTES[match.group(3)] * math.prod(dims)
        if size >= 64:
            print("embedded %s: tensor<%s%s>, %d bytes"
                  % (match.group(1), match.group(2), match.group(3), size))


COMMANDS = {"write": cmd_write, "llama-inputs": cmd_llama_inputs,
            "print": cmd_print, "compare-jax": cmd_compare_jax,
            "agreement": cmd_agreement, "safetensors": cmd_safetensors,
            "print-tensor": cmd_print_tensor, "check-tensor": cmd_check_tensor,
            "edit-safetensors": cmd_edit_safetensors,
            "edit-signature": cmd_edit_signature,
            "embedded-constants": cmd_embedded_constants}

if __name__ == "__main__":
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]) or 0)
