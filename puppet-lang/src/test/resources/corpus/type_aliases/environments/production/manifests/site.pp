include shapes
