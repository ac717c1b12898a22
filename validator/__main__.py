"""`python -m validator` runs the prcheck command line."""
from .cli import main

main()
