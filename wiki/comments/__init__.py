"""Discussion of standards: threads anchored to parts, replies, mentions and dispositions."""
