"""The workload analysis (Analisis Beban Kerja) from the times in the SOPs: ``soptool beban``."""
