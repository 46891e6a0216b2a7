"""The fuzz tests' hypothesis profiles (registered in tests/conftest.py) and their fixtures."""
