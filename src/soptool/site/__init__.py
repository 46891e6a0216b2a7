"""``soptool site``: a static, self-contained catalogue site of many SOPs.

- ``catalogue``: each SOP file as the site knows it (``Entry``: content hash, identity,
  status, times), and the work for one changed file (``Prepare``, in worker processes);
- ``build``: ``build_site(paths, out, options) -> SiteReport``, the pages, the manifest
  (``.soptool-site.json``) that makes rebuilds incremental by content;
- ``riwayat``: the history section and the older versions' pages, from ``history``
  (git; the history helper's module) when it is there.
"""
