"""The SOP catalogue website (``soptool site``, ``soptool serve``; issue 14): static,
self-contained, built incrementally.

- ``catalogue``: each SOP file as the site knows it (``Entry``: content hash, identity,
  status, times), and the work for one changed file (``Prepare``, in worker processes);
- ``build``: ``build_site(paths, out, options) -> SiteReport``, the pages, the manifest
  (``.soptool-site.json``) that makes rebuilds incremental by content;
- ``riwayat``: the history section and the older versions' pages, from ``history``
  (git; the history helper's module) when it is there;
- ``history``: the git history of SOP files (``history_of``, ``contents``, ``states``).
"""
