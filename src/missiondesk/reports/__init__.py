"""Reports: the yearly tallies the ministry publishes, as data (no Qt), and the report workbook.

``tallies`` counts in SQL for a period and a scope under the versioned rules of ``rules``;
``headline`` writes the sentence the ministry publishes; ``lock`` freezes a period's figures at HQ and
lists later amendments; ``workbook`` writes the ``.xlsx`` report with native charts.
"""
