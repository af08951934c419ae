-- Reserved: the search branch brings its own migration 007 (007_search_index). This empty
-- file only keeps the imports branch's numbers consecutive (migrate() refuses a gap) until
-- that lands; delete it when merging the search branch. A second 007 makes migrate() fail
-- loudly ("migration 008 is missing"), so it cannot be forgotten.
SELECT 1;
