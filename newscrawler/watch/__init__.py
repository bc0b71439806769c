"""Watching the archive: re-visit archived articles on a schedule and record what became of them.

``schedule`` (when to re-visit), ``verdicts`` (what an answer means: alive, edited, removed …),
``diff`` (paragraph-level differences between two contents) are pure; ``record`` is the Scrapy item
pipeline that writes observations and events through ``pipelines.db.watch``; ``run`` runs a watch from
Python (``newscrawler watch``). docs/watching.md explains the whole for users.
"""
