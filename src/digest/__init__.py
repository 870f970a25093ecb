"""digest: turn a folder of news articles into a ready-to-send daily email digest.

The library API is :func:`digest.pipeline.make`; the ``digest`` command is thin glue over it.
"""

__version__ = "0.1.0"
