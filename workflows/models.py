"""Task and TaskState subclasses of the coordination workflow (added by the moderation work)."""
