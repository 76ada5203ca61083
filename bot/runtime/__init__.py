"""Starting, watching and stopping the processes that make up a running Service Coach."""
