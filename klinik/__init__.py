"""Klinik: case management for the consultants of a Klinik Bisnis who mentor UMKM."""

__version__ = "0.1.0"
