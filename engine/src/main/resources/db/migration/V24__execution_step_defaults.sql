-- The defaults an execution's steps run with when neither they nor their workflow set a retry policy or timeout
-- (the engine's StepDefaults): chosen when it starts (an execution started through a binding takes BINDING) and kept
-- for its life. Executions started before it existed ran with the engine's, as their runs' max_attempts say.
ALTER TABLE executions ADD COLUMN step_defaults VARCHAR(20) DEFAULT 'ENGINE' NOT NULL;
