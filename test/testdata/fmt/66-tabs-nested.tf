resource "a" "b" {
	dynamic "x" {
		for_each = var.y
		content {
			z = 1
		}
	}
}
