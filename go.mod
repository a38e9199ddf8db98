module smhbin

go 1.26.8
