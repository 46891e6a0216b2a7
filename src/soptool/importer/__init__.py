"""``soptool import``: signed SOP AP PDFs read back into the format.

The PDF is read by geometry: words with their places and the drawn lines, rectangles and
curves (pdfplumber). ``identity`` reads the identity sheet, ``table`` the procedure table's
grid and cells, ``flow`` the flowchart drawn in the actor columns; ``compose`` joins the
readings into an SOP and ``writer`` writes it as ``soptool fmt`` would, with ``# PERIKSA``
comments where the reading is uncertain. ``reading`` holds the structures they share.
"""
