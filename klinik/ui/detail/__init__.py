"""HTML of the areas' detail panes: a read model in, markup out. No database, no widgets;
every text goes through ``tr()`` outside any f-string, so lupdate finds it."""
