"""Reading: documents in — files, encodings, PDFs by their layout."""
