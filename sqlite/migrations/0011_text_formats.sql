-- A text's format (recto.TextFormat): how its body is written. Texts stored
-- before formats existed are Markdown.
ALTER TABLE texts ADD COLUMN format TEXT NOT NULL DEFAULT 'markdown' CHECK (format IN ('markdown', 'plain', 'html'));
