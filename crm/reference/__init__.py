"""Reference data: countries, posts, Labs, themes, disciplines, firm sizes, stages."""
