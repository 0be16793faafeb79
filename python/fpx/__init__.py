"""FPX from Python: the runtime (numerics, kernel loading and launching)."""
