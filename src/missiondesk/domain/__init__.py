"""The domain: entities, enums, workflows and validation. Plain Python only."""
