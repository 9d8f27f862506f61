"""zicht."""
