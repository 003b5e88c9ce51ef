import {
to = aws_instance.web
id = "i-123"
}
moved {
from = aws_instance.a
to = aws_instance.b
}
check "health" {
assert {
condition = data.http.x.status_code==200
error_message = "bad"
}
}
