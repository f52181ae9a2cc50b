// Keeps the header's clocks live. Filled in with the site header.
