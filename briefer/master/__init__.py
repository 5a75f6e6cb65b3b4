"""Organisation masters (.potx/.pptx): read once into plain data that layout and renderers use."""
