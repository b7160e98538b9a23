/*
 * GridDesk live map layers. The base map (geography) is drawn by folium; this script owns the
 * live layers (event markers in a cluster group, the grid heat view, cameras, IoT devices,
 * construction sites), the grid labels, the base tiles, the legend with its layer switches, the
 * selection and the picking of a point for a new event.
 *
 * Everything arrives from Python over the QWebChannel object "bridge" as JSON, and everything
 * shown is built with DOM calls and textContent: descriptions and other text typed by people
 * are data, never markup, so nothing here uses innerHTML or builds HTML strings.
 *
 * Batches are applied strictly in arrival order through one promise chain, because a chunked
 * addLayers may span several frames and the next batch must not interleave with it.
 */
(function () {
    "use strict";

    var STATE_COLOURS = {
        reported: "#8c8c8c",
        accepted: "#2c7bb6",
        dispatched: "#f28e2b",
        responded: "#8e44ad",
        resolved: "#1a9641"
    };
    var UNKNOWN_STATE_COLOUR = "#8c8c8c";
    // Escalated is told from overdue by colour at a glance (black, not red), not only by size.
    var ALARM_OUTLINES = { warning: "#f5c400", overdue: "#d7191c", escalated: "#111111" };
    var STATE_ORDER = ["reported", "accepted", "dispatched", "responded", "resolved"];
    var ALARM_ORDER = ["warning", "overdue", "escalated"];
    // Grid codes are legible from zoom 14, and are not shown at the wide zoom the map opens
    // at (the whole district): there they would cover it.
    var GRID_LABEL_MIN_ZOOM = 14;
    var overviewZoom = null;
    var legendFolded = false;
    var TOOLTIP_DESCRIPTION_CHARS = 60;
    // Open events per grid, by class: the upper bound of each class and its fill.
    var HEAT_CLASSES = [
        [0, null], [2, "#ffffb2"], [5, "#fecc5c"], [10, "#fd8d3c"], [20, "#f03b20"],
        [Infinity, "#bd0026"]
    ];
    // The default grading's colours (the grading is data: each site brings its own colour).
    var SITE_GRADE_COLOURS = { A: "#2e7d32", B: "#f9a825", C: "#c62828" };
    var DEVICE_COLOURS = { online: "#1a9641", offline: "#8c8c8c" };
    var CAMERA_COLOUR = "#2c7bb6";
    // The switches of the legend, in the order shown; "events" and the fixed layers start on,
    // the heat view off (it hides the zone colours under it).
    var LAYER_ORDER = [
        "events", "heat", "cameras", "devices", "sites", "gridLabels", "grids", "zones",
        "communities"
    ];
    var LAYERS_INITIALLY_HIDDEN = { heat: true };

    var map = null;
    var clusters = null;
    var markers = new Map();  // event id -> L.CircleMarker, its data in marker.griddeskEvent
    var labels = {};
    var legend = null;
    var gridLabelLayer = null;
    var selectionRing = null;
    var selectedId = null;
    var bridge = null;
    var switchable = {};     // layer name -> Leaflet layer the legend switches
    var shown = {};          // layer name -> whether it is on the map
    var heatLayer = null;
    var gridCodes = [];
    var fixedLayers = {};    // "cameras" | "devices" | "sites" -> L.layerGroup
    var fixedMarkers = {};   // "cameras:12" -> marker, for the tests' probes
    var picking = false;
    var pickPin = null;
    var tileLayer = null;
    var work = Promise.resolve();
    var finishChunkedAdd = null;

    function enqueue(task) {
        work = work.then(task).catch(function (error) {
            console.error("griddesk map: " + (error && error.stack ? error.stack : error));
        });
    }

    // Resolves once what was applied has been painted (two animation frames), so "synced" means
    // "on screen". A hidden page gets no animation frames: a timer answers for it then.
    function afterPaint() {
        return new Promise(function (resolve) {
            var done = false;
            function finish() {
                if (!done) {
                    done = true;
                    resolve();
                }
            }
            requestAnimationFrame(function () { requestAnimationFrame(finish); });
            setTimeout(finish, 250);
        });
    }

    function isAlarmed(ev) {
        return ev.alarm === "overdue" || ev.alarm === "escalated";
    }

    function markerStyle(ev) {
        var outline = ALARM_OUTLINES[ev.alarm];
        return {
            radius: ev.alarm === "escalated" ? 10 : isAlarmed(ev) ? 9 : 6,
            color: outline || "#ffffff",
            weight: ev.alarm === "escalated" ? 4 : outline ? 3 : 1.5,
            opacity: 1,
            fillColor: STATE_COLOURS[ev.state] || UNKNOWN_STATE_COLOUR,
            fillOpacity: 0.92,
            // Overdue and escalated markers pulse (map.css); setStyle does not touch classes,
            // so setPulse keeps the drawn path in step.
            className: isAlarmed(ev) ? "griddesk-pulse" : ""
        };
    }

    function setPulse(marker, on) {
        marker.options.className = on ? "griddesk-pulse" : "";
        if (marker._path) {
            if (on) {
                L.DomUtil.addClass(marker._path, "griddesk-pulse");
            } else {
                L.DomUtil.removeClass(marker._path, "griddesk-pulse");
            }
        }
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined && text !== null) {
            node.textContent = String(text);
        }
        return node;
    }

    function truncate(text, limit) {
        var chars = Array.from(String(text || ""));  // by code point, never splitting a character
        return chars.length > limit ? chars.slice(0, limit).join("") + "…" : chars.join("");
    }

    function stateLabel(state) {
        return labels[state] || state;
    }

    function tooltipContent(ev) {
        var box = element("div", "griddesk-tip");
        box.appendChild(element("div", "griddesk-tip-code", ev.code));
        var line = [ev.category, stateLabel(ev.state)];
        if (ev.alarm && ev.alarm !== "none") {
            line.push(labels[ev.alarm] || ev.alarm);
        }
        box.appendChild(element("div", "griddesk-tip-meta", line.join(" · ")));
        if (ev.description) {
            box.appendChild(
                element("div", "griddesk-tip-text", truncate(ev.description, TOOLTIP_DESCRIPTION_CHARS))
            );
        }
        return box;
    }

    function createMarker(ev) {
        var marker = L.circleMarker([ev.lat, ev.lon], markerStyle(ev));
        marker.griddeskEvent = ev;
        // A function returning an element: Leaflet appends it; a string would go to innerHTML.
        marker.bindTooltip(function (layer) {
            return tooltipContent(layer.griddeskEvent);
        }, { direction: "top", offset: [0, -8], className: "griddesk-tooltip" });
        marker.on("click", function (e) {
            L.DomEvent.stopPropagation(e);  // a click on a marker is not a click on the map
            if (bridge) {
                bridge.event_clicked(marker.griddeskEvent.id);
            }
        });
        return marker;
    }

    function addChunked(layers) {
        if (layers.length === 0) {
            return Promise.resolve();
        }
        return new Promise(function (resolve) {
            finishChunkedAdd = resolve;
            clusters.addLayers(layers);
        });
    }

    function onChunkProgress(processed, total) {
        if (processed === total && finishChunkedAdd) {
            var finish = finishChunkedAdd;
            finishChunkedAdd = null;
            finish();
        }
    }

    function clusterIcon(cluster) {
        var children = cluster.getAllChildMarkers();
        var alarmed = children.some(function (m) { return isAlarmed(m.griddeskEvent); });
        var escalated = children.some(function (m) { return m.griddeskEvent.alarm === "escalated"; });
        var count = cluster.getChildCount();
        var size = count < 10 ? 30 : count < 100 ? 36 : 42;
        var inner = element("span", "", count);
        return L.divIcon({
            html: inner,
            className: "griddesk-cluster" + (
                escalated ? " griddesk-cluster-escalated" : alarmed ? " griddesk-cluster-alarm" : ""
            ),
            iconSize: L.point(size, size)
        });
    }

    // Batches ---------------------------------------------------------------------------------

    function replaceEvents(list) {
        clusters.clearLayers();
        markers.clear();
        var layers = list.map(function (ev) {
            var marker = createMarker(ev);
            markers.set(ev.id, marker);
            return marker;
        });
        return addChunked(layers).then(afterEventBatch);
    }

    function afterEventBatch() {
        refreshSelection();
        refreshHeat();
    }

    function changeEvents(list) {
        var added = [];
        var moved = [];
        var restyled = [];
        list.forEach(function (ev) {
            var marker = markers.get(ev.id);
            if (!marker) {
                marker = createMarker(ev);
                markers.set(ev.id, marker);
                added.push(marker);
                return;
            }
            var old = marker.griddeskEvent;
            marker.griddeskEvent = ev;
            var style = markerStyle(ev);
            marker.setStyle(style);
            marker.setRadius(style.radius);
            setPulse(marker, isAlarmed(ev));
            if (old.lat !== ev.lat || old.lon !== ev.lon) {
                moved.push(marker);
            } else {
                restyled.push(marker);
            }
            if (marker.isTooltipOpen()) {
                marker.setTooltipContent(tooltipContent(ev));
            }
        });
        // The cluster group indexes markers by position: a move is a remove and an add.
        clusters.removeLayers(moved);
        moved.forEach(function (marker) {
            marker.setLatLng([marker.griddeskEvent.lat, marker.griddeskEvent.lon]);
        });
        if (restyled.length) {
            clusters.refreshClusters(restyled);  // alarm rings on cluster icons
        }
        return addChunked(added.concat(moved)).then(afterEventBatch);
    }

    function removeEvents(ids) {
        var gone = [];
        ids.forEach(function (id) {
            var marker = markers.get(id);
            if (marker) {
                gone.push(marker);
                markers.delete(id);
            }
        });
        clusters.removeLayers(gone);
        afterEventBatch();
    }

    function refreshSelection() {
        var marker = selectedId === null ? undefined : markers.get(selectedId);
        if (!marker) {
            selectionRing.remove();
            return;
        }
        selectionRing.setLatLng(marker.getLatLng());
        selectionRing.addTo(map);
    }

    // markercluster's zoomToShowLayer looks for icon markers (layer._icon) and, with circle
    // markers, can miss the moment the marker appears. Here the view changes without animation
    // (applied at once), then we wait for the cluster group's own animation to end.
    function revealMarker(marker, callback) {
        whenMapSettled(function () { revealSettled(marker, callback); });
    }

    function revealSettled(marker, callback) {
        // The event may have left the map meanwhile (closed or rejected at some post).
        if (!clusters.hasLayer(marker)) {
            return;
        }
        var latlng = marker.getLatLng();
        if (map.hasLayer(marker) && map.getBounds().contains(latlng)) {
            callback();
            return;
        }
        // A marker is alone from one zoom level above the deepest cluster that holds it.
        var needed = Math.max(map.getZoom(), marker.__parent._zoom + 1);
        map.setView(latlng, Math.min(needed, map.getMaxZoom()), { animate: false });
        whenClustersSettled(function () {
            if (map.hasLayer(marker)) {
                callback();
            } else if (marker.__parent) {
                // Still together at the deepest zoom (same spot): fan the cluster out.
                clusters.once("spiderfied", callback);
                marker.__parent.spiderfy();
            }
        });
    }

    // Leaflet ignores a new view while a zoom animation (say, the operator's wheel) runs.
    function whenMapSettled(callback) {
        if (map._animatingZoom) {
            map.once("zoomend", function () { whenMapSettled(callback); });
        } else {
            whenClustersSettled(callback);
        }
    }

    function whenClustersSettled(callback) {
        if (clusters._inZoomAnimation) {
            clusters.once("animationend", function () { whenClustersSettled(callback); });
        } else {
            callback();
        }
    }

    function selectEvent(payload) {
        selectedId = payload.id;
        var marker = markers.get(selectedId);
        refreshSelection();
        if (!marker) {
            return;
        }
        revealMarker(marker, function () {
            map.panTo(marker.getLatLng());
            refreshSelection();
        });
    }

    function setLabels(newLabels) {
        labels = newLabels;
        rebuildLegend();
        markers.forEach(function (marker) {
            if (marker.isTooltipOpen()) {
                marker.setTooltipContent(tooltipContent(marker.griddeskEvent));
            }
        });
    }

    function rebuildLegend() {
        if (legend) {
            legend.remove();
        }
        legend = L.control({ position: "bottomright" });
        legend.onAdd = buildLegend;
        legend.addTo(map);
    }

    function legendRow(box, swatchClass, colour, text) {
        var row = element("div", "griddesk-legend-row");
        var swatch = element("span", "griddesk-legend-dot " + swatchClass);
        if (colour) {
            swatch.style.setProperty(swatchClass.indexOf("ring") >= 0 ? "border-color" : "background-color", colour);
        }
        row.appendChild(swatch);
        row.appendChild(element("span", "", text));
        box.appendChild(row);
    }

    // The legend is also the layer switch: a checkbox per layer, each with what it shows. It
    // folds to a button, so that it covers none of the district where the map is small.
    function buildLegend() {
        var box = element("div", "griddesk-legend" + (legendFolded ? " griddesk-legend-folded" : ""));
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var toggle = element("button", "griddesk-legend-toggle", legendFolded ? "▸" : "▾");
        toggle.type = "button";
        toggle.title = legendFolded ? (labels.unfold || "") : (labels.fold || "");
        toggle.addEventListener("click", function () {
            foldLegend(!legendFolded);
            if (bridge) {
                bridge.legend_toggled(legendFolded);
            }
        });
        var title = element("div", "griddesk-legend-title");
        title.appendChild(element("span", "", labels.layers || ""));
        title.appendChild(toggle);
        box.appendChild(title);
        if (legendFolded) {
            // The whole folded legend is the button.
            box.addEventListener("click", function (event) {
                if (event.target !== toggle) {
                    toggle.click();
                }
            });
            return box;
        }
        LAYER_ORDER.forEach(function (name) {
            if (!switchable[name]) {
                return;
            }
            var row = element("label", "griddesk-legend-switch");
            var box2 = element("input");
            box2.type = "checkbox";
            box2.checked = !!shown[name];
            box2.dataset.layer = name;
            box2.addEventListener("change", function () {
                showLayer(name, box2.checked);
                if (bridge) {
                    bridge.layer_toggled(name, box2.checked);
                }
            });
            row.appendChild(box2);
            row.appendChild(element("span", "", labels["layer_" + name] || name));
            box.appendChild(row);
            if (shown[name]) {
                legendDetails(box, name);
            }
        });
        return box;
    }

    function legendDetails(box, name) {
        var details = element("div", "griddesk-legend-details");
        if (name === "events") {
            STATE_ORDER.forEach(function (state) {
                legendRow(details, "", STATE_COLOURS[state], stateLabel(state));
            });
            ALARM_ORDER.forEach(function (alarm) {
                legendRow(
                    details,
                    "griddesk-legend-ring" + (alarm !== "warning" ? " griddesk-legend-big" : "") +
                        (alarm === "escalated" ? " griddesk-legend-escalated" : ""),
                    ALARM_OUTLINES[alarm],
                    labels[alarm] || alarm
                );
            });
        } else if (name === "heat") {
            for (var i = 1; i < HEAT_CLASSES.length; i += 1) {
                var low = HEAT_CLASSES[i - 1][0] + 1;
                var high = HEAT_CLASSES[i][0];
                var text = high === Infinity ? "≥ " + low : low === high ? String(low) : low + "–" + high;
                legendRow(details, "griddesk-legend-square", HEAT_CLASSES[i][1], text);
            }
        } else if (name === "devices") {
            legendRow(details, "", DEVICE_COLOURS.online, labels.online || "online");
            legendRow(details, "griddesk-legend-offline", DEVICE_COLOURS.offline, labels.offline || "offline");
        } else if (name === "sites") {
            ["A", "B", "C"].forEach(function (grade) {
                legendRow(details, "griddesk-legend-square", SITE_GRADE_COLOURS[grade], gradeLabel(grade));
            });
        } else {
            return;
        }
        box.appendChild(details);
    }

    function foldLegend(folded) {
        legendFolded = !!folded;
        rebuildLegend();
    }

    function gradeLabel(grade) {
        return (labels.grade || "{grade}").replace("{grade}", grade);
    }

    function showLayer(name, on) {
        var layer = switchable[name];
        if (!layer) {
            return;
        }
        shown[name] = !!on;
        if (name === "gridLabels") {
            toggleGridLabels();
        } else if (on) {
            layer.addTo(map);
        } else {
            layer.remove();
        }
        if (name === "heat") {
            refreshHeat();
            dimZones(!!on);
        }
        rebuildLegend();
    }

    // Under the heat view the zones keep their outlines and give up their fills, which would
    // otherwise tint every shade of the heat scale.
    function dimZones(dim) {
        var zones = switchable.zones;
        if (zones && zones.setStyle) {
            zones.eachLayer(function (layer) {
                if (layer.griddeskFill === undefined) {
                    layer.griddeskFill = layer.options.fillOpacity;
                }
                layer.setStyle({ fillOpacity: dim ? 0 : layer.griddeskFill });
            });
        }
    }

    function setLayers(visibility) {
        Object.keys(visibility).forEach(function (name) {
            if (switchable[name] && !!visibility[name] !== !!shown[name]) {
                showLayer(name, visibility[name]);
            }
        });
    }

    // Heat view -------------------------------------------------------------------------------

    function heatColour(count) {
        for (var i = 0; i < HEAT_CLASSES.length; i += 1) {
            if (count <= HEAT_CLASSES[i][0]) {
                return HEAT_CLASSES[i][1];
            }
        }
        return null;
    }

    function openCounts() {
        var counts = {};
        markers.forEach(function (marker) {
            var grid = marker.griddeskEvent.grid;
            if (grid) {
                counts[grid] = (counts[grid] || 0) + 1;
            }
        });
        return counts;
    }

    // Shades each grid by its open events; only while the heat view is on (126 polygons).
    function refreshHeat() {
        if (!heatLayer || !shown.heat) {
            return;
        }
        var counts = openCounts();
        heatLayer.eachLayer(function (layer) {
            var code = gridCodes[layer.feature.id];
            var colour = heatColour(counts[code] || 0);
            layer.griddeskCount = counts[code] || 0;
            layer.setStyle(colour
                ? { fillColor: colour, fillOpacity: 0.55 }
                : { fillColor: "#ffffff", fillOpacity: 0 });
        });
    }

    // Cameras, devices, sites -----------------------------------------------------------------

    function fixedTooltip(item) {
        var box = element("div", "griddesk-tip");
        box.appendChild(element("div", "griddesk-tip-code", item.name));
        var line = [];
        if (item.layer === "devices") {
            line.push(item.online ? (labels.online || "online") : (labels.offline || "offline"));
        } else if (item.layer === "sites") {
            line.push(item.label || gradeLabel(item.kind));
        } else if (item.kindText) {
            line.push(item.kindText);
        }
        if (item.grid) {
            line.push(item.grid);
        }
        box.appendChild(element("div", "griddesk-tip-meta", line.join(" · ")));
        return box;
    }

    function fixedMarker(item) {
        var marker;
        if (item.layer === "devices") {
            marker = L.circleMarker([item.lat, item.lon], {
                pane: "griddeskFixed",
                radius: 4,
                color: item.online ? "#ffffff" : "#555555",
                weight: 1,
                dashArray: item.online ? null : "2 2",
                fillColor: item.online ? DEVICE_COLOURS.online : DEVICE_COLOURS.offline,
                fillOpacity: item.online ? 0.9 : 0.5
            });
        } else {
            var icon = element("span", "");
            if (item.layer === "sites") {
                // The grade's first letter (A, B, C; or the plate's) on the grade's colour.
                icon.textContent = Array.from(String(item.label || item.kind))[0] || "";
                icon.style.backgroundColor = item.colour || SITE_GRADE_COLOURS[item.kind] || "#666666";
            } else {
                icon.style.backgroundColor = CAMERA_COLOUR;
            }
            marker = L.marker([item.lat, item.lon], {
                pane: "griddeskFixed",
                keyboard: false,
                icon: L.divIcon({
                    className: "griddesk-fixed griddesk-" + item.layer,
                    html: icon,
                    iconSize: item.layer === "sites" ? [16, 16] : [9, 9]
                })
            });
        }
        marker.griddeskItem = item;
        marker.bindTooltip(function (layer) {
            return fixedTooltip(layer.griddeskItem);
        }, { direction: "top", className: "griddesk-tooltip" });
        // While a new event is being placed, a click on a camera, device or site places it
        // there, as a click beside it would; otherwise a click on a site opens its sheet, on a
        // device its history.
        marker.on("click", function (e) {
            if (!picking && bridge && item.layer === "sites") {
                bridge.site_marker_clicked(item.id);
                return;
            }
            if (!picking && bridge && item.layer === "devices") {
                bridge.device_marker_clicked(item.id);
                return;
            }
            onMapClick(e);
        });
        return marker;
    }

    function replacePoints(groups) {
        Object.keys(groups).forEach(function (name) {
            var group = fixedLayers[name];
            if (!group) {
                return;
            }
            group.clearLayers();
            Object.keys(fixedMarkers).forEach(function (key) {
                if (key.indexOf(name + ":") === 0) {
                    delete fixedMarkers[key];
                }
            });
            groups[name].forEach(function (item) {
                var marker = fixedMarker(item);
                fixedMarkers[name + ":" + item.id] = marker;
                group.addLayer(marker);
            });
        });
    }

    // Base tiles and picking ------------------------------------------------------------------

    function setTiles(config) {
        if (tileLayer) {
            tileLayer.remove();
            tileLayer = null;
        }
        if (config.url) {
            tileLayer = L.tileLayer(config.url, {
                maxZoom: map.getMaxZoom(),
                maxNativeZoom: config.maxNativeZoom || 18,
                minNativeZoom: config.minNativeZoom || 0,
                attribution: ""
            }).addTo(map);
            tileLayer.bringToBack();
            map.getContainer().classList.add("griddesk-with-tiles");
        } else {
            map.getContainer().classList.remove("griddesk-with-tiles");
        }
    }

    function setPicking(config) {
        picking = !!config.on;
        map.getContainer().classList.toggle("griddesk-picking", picking);
        if (picking && config.lat !== null && config.lat !== undefined) {
            pickPin.setLatLng([config.lat, config.lon]).addTo(map);
        } else if (!picking) {
            pickPin.remove();
        }
    }

    function onMapClick(e) {
        if (!picking || !bridge) {
            return;
        }
        pickPin.setLatLng(e.latlng).addTo(map);
        bridge.map_clicked(e.latlng.lat, e.latlng.lng);
    }

    // Static extras ---------------------------------------------------------------------------

    function buildGridLabels(items) {
        var pane = map.createPane("griddeskGridLabels");
        pane.style.zIndex = 350;  // over the area fills, under event markers and clusters
        pane.style.pointerEvents = "none";
        gridLabelLayer = L.layerGroup(items.map(function (item) {
            return L.marker([item.lat, item.lon], {
                pane: "griddeskGridLabels",
                interactive: false,
                keyboard: false,
                icon: L.divIcon({
                    className: "griddesk-grid-label",
                    html: element("span", "", item.text),
                    iconSize: null
                })
            });
        }));
        switchable.gridLabels = gridLabelLayer;
        shown.gridLabels = true;
        overviewZoom = map.getZoom();  // folium has fitted the district by now
        map.on("zoomend", toggleGridLabels);
        toggleGridLabels();
    }

    function toggleGridLabels() {
        var zoom = map.getZoom();
        var wide = overviewZoom !== null && zoom <= overviewZoom;
        if (shown.gridLabels && zoom >= GRID_LABEL_MIN_ZOOM && !wide) {
            gridLabelLayer.addTo(map);
        } else {
            gridLabelLayer.remove();
        }
    }

    function buildSwitchableLayers(config) {
        var names = config.layers || {};
        ["grids", "zones", "communities"].forEach(function (name) {
            var layer = window[names[name]];
            if (layer) {
                switchable[name] = layer;
                shown[name] = true;
            }
        });
        gridCodes = config.gridCodes || [];
        var gridLayer = window[names.grids];
        if (gridLayer) {
            // The heat view: the grids again, filled, under the grid lines and labels.
            var heatPane = map.createPane("griddeskHeat");
            heatPane.style.zIndex = 390;
            heatPane.style.pointerEvents = "none";
            heatLayer = L.geoJSON(gridLayer.toGeoJSON(), {
                pane: "griddeskHeat",
                interactive: false,
                style: function () {
                    return { stroke: false, fillColor: "#ffffff", fillOpacity: 0 };
                }
            });
            switchable.heat = heatLayer;
            shown.heat = false;
        }
        var fixedPane = map.createPane("griddeskFixed");
        fixedPane.style.zIndex = 395;  // over the area, under event markers (overlay pane 400)
        ["cameras", "devices", "sites"].forEach(function (name) {
            fixedLayers[name] = L.layerGroup().addTo(map);
            switchable[name] = fixedLayers[name];
            shown[name] = true;
        });
        switchable.events = clusters;
        shown.events = true;
    }

    function start() {
        var config = window.GRIDDESK || {};
        map = window[config.mapName];
        if (!map) {
            console.error("griddesk map: no Leaflet map named " + config.mapName);
            return;
        }
        var selectionPane = map.createPane("griddeskSelection");
        selectionPane.style.zIndex = 450;
        selectionPane.style.pointerEvents = "none";
        selectionRing = L.circleMarker([0, 0], {
            pane: "griddeskSelection",
            radius: 16,
            color: "#00b7eb",
            weight: 4,
            fill: false,
            interactive: false
        });
        clusters = L.markerClusterGroup({
            chunkedLoading: true,
            chunkProgress: onChunkProgress,
            iconCreateFunction: clusterIcon,
            showCoverageOnHover: false,
            maxClusterRadius: 50
        });
        clusters.addTo(map);
        // Without tiles the scale bar is the only sense of distance; metres are what is used.
        L.control.scale({ imperial: false }).addTo(map);
        buildGridLabels(config.gridLabels || []);
        buildSwitchableLayers(config);
        pickPin = L.circleMarker([0, 0], {
            pane: "griddeskSelection",
            radius: 8,
            color: "#d7191c",
            weight: 3,
            fillColor: "#ffffff",
            fillOpacity: 1,
            interactive: false
        });
        map.on("click", onMapClick);

        if (typeof qt === "undefined" || !qt.webChannelTransport) {
            console.error("griddesk map: no Qt web channel transport");
            return;
        }
        new QWebChannel(qt.webChannelTransport, function (channel) {
            bridge = channel.objects.bridge;
            bridge.labels_changed.connect(function (text) {
                enqueue(function () { setLabels(JSON.parse(text)); });
            });
            bridge.events_replaced.connect(function (text) {
                enqueue(function () { return replaceEvents(JSON.parse(text)); });
            });
            bridge.events_changed.connect(function (text) {
                enqueue(function () { return changeEvents(JSON.parse(text)); });
            });
            bridge.events_removed.connect(function (text) {
                enqueue(function () { removeEvents(JSON.parse(text)); });
            });
            bridge.event_selected.connect(function (text) {
                enqueue(function () { selectEvent(JSON.parse(text)); });
            });
            bridge.points_replaced.connect(function (text) {
                enqueue(function () { replacePoints(JSON.parse(text)); });
            });
            bridge.layers_shown.connect(function (text) {
                enqueue(function () { setLayers(JSON.parse(text)); });
            });
            bridge.legend_folded.connect(function (text) {
                enqueue(function () { foldLegend(JSON.parse(text)); });
            });
            bridge.tiles_set.connect(function (text) {
                enqueue(function () { setTiles(JSON.parse(text)); });
            });
            bridge.picking_set.connect(function (text) {
                enqueue(function () { setPicking(JSON.parse(text)); });
            });
            bridge.sync_requested.connect(function (token) {
                enqueue(function () { return afterPaint().then(function () {
                    bridge.page_synced(token);
                }); });
            });
            bridge.page_ready();
        });
    }

    // Read-only probes for tests and diagnostics; they return plain JSON-able values.
    window.griddeskDebug = {
        markerCount: function () { return markers.size; },
        markerState: function (id) {
            var marker = markers.get(id);
            if (!marker) {
                return null;
            }
            var ev = marker.griddeskEvent;
            var ll = marker._preSpiderfyLatlng || marker.getLatLng();  // where it is, not its leg
            return {
                id: ev.id, state: ev.state, alarm: ev.alarm, lat: ll.lat, lon: ll.lng,
                fillColor: marker.options.fillColor, color: marker.options.color,
                radius: marker.getRadius(), weight: marker.options.weight,
                inClusters: clusters.hasLayer(marker)
            };
        },
        // Dispatches a real DOM click on a fixed thing's marker ("sites:3", "devices:7": an
        // icon, or a device's circle drawn as a path).
        clickFixed: function (key) {
            var marker = fixedMarkers[key];
            var drawn = marker && (marker._icon || marker._path);
            if (!drawn) {
                return false;
            }
            var rect = drawn.getBoundingClientRect();
            drawn.dispatchEvent(new MouseEvent("click", {
                bubbles: true, cancelable: true, view: window,
                clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2
            }));
            return true;
        },
        // Shows the marker (zooming out of its cluster) and dispatches a real DOM click on it.
        clickMarker: function (id) {
            var marker = markers.get(id);
            if (!marker) {
                return false;
            }
            revealMarker(marker, function () {
                var rect = marker._path.getBoundingClientRect();
                marker._path.dispatchEvent(new MouseEvent("click", {
                    bubbles: true, cancelable: true, view: window,
                    clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2
                }));
            });
            return true;
        },
        showTooltip: function (id) {
            var marker = markers.get(id);
            if (!marker) {
                return false;
            }
            markers.forEach(function (other) { other.closeTooltip(); });
            revealMarker(marker, function () { marker.openTooltip(); });
            return true;
        },
        openTooltipText: function () {
            var node = document.querySelector(".griddesk-tooltip");
            return node ? node.textContent : null;
        },
        selectedId: function () { return selectedId; },
        selectionShown: function () { return map.hasLayer(selectionRing); },
        zoom: function () { return map.getZoom(); },
        gridLabelsShown: function () {
            return document.querySelectorAll(".griddesk-grid-label").length;
        },
        legendFolded: function () { return legendFolded; },
        // Folds or unfolds the legend with a click on its button, as the operator would.
        clickLegendToggle: function () {
            var button = document.querySelector(".griddesk-legend-toggle");
            if (!button) {
                return false;
            }
            button.click();
            return true;
        },
        legendBox: function () {
            var node = document.querySelector(".griddesk-legend");
            if (!node) {
                return null;
            }
            var rect = node.getBoundingClientRect();
            var map = document.querySelector(".leaflet-container").getBoundingClientRect();
            return { width: rect.width, height: rect.height, mapWidth: map.width, mapHeight: map.height };
        },
        clusterClasses: function () {
            return Array.from(document.querySelectorAll(".griddesk-cluster")).map(function (n) {
                return n.className;
            });
        },
        legendText: function () {
            var node = document.querySelector(".griddesk-legend");
            return node ? node.textContent : null;
        },
        layersShown: function () {
            var result = {};
            Object.keys(switchable).forEach(function (name) {
                result[name] = name === "gridLabels" ? !!shown.gridLabels : map.hasLayer(switchable[name]);
            });
            return result;
        },
        // Clicks the legend's switch of a layer as the operator would.
        clickSwitch: function (name) {
            var input = document.querySelector('.griddesk-legend input[data-layer="' + name + '"]');
            if (!input) {
                return false;
            }
            input.click();
            return true;
        },
        zoneFill: function () {
            var fills = [];
            if (switchable.zones) {
                switchable.zones.eachLayer(function (layer) { fills.push(layer.options.fillOpacity); });
            }
            return fills;
        },
        heat: function () {
            var result = {};
            if (heatLayer) {
                heatLayer.eachLayer(function (layer) {
                    result[gridCodes[layer.feature.id]] = {
                        count: layer.griddeskCount || 0, fill: layer.options.fillColor,
                        opacity: layer.options.fillOpacity
                    };
                });
            }
            return result;
        },
        pulsing: function (id) {
            var marker = markers.get(id);
            return !!(marker && marker.options.className === "griddesk-pulse");
        },
        fixedCount: function (name) {
            return fixedLayers[name] ? fixedLayers[name].getLayers().length : null;
        },
        fixedState: function (key) {
            var marker = fixedMarkers[key];
            if (!marker) {
                return null;
            }
            var ll = marker.getLatLng();
            return { lat: ll.lat, lon: ll.lng, item: marker.griddeskItem, shown: map.hasLayer(marker) };
        },
        fixedTooltipText: function (key) {
            var marker = fixedMarkers[key];
            if (!marker) {
                return null;
            }
            marker.openTooltip();
            var node = marker.getTooltip().getElement();
            return node ? node.textContent : null;
        },
        tileUrl: function () { return tileLayer ? tileLayer._url : null; },
        tileImages: function () {
            return Array.from(document.querySelectorAll(".leaflet-tile-loaded")).map(function (img) {
                return img.src;
            });
        },
        picking: function () { return picking; },
        pinShown: function () { return map.hasLayer(pickPin); },
        // A DOM click on the map's own surface at (lat, lon), as the mouse makes it where no
        // marker is (zoomed in, so that a whole pixel is well under a metre).
        clickMap: function (lat, lon) {
            map.setView([lat, lon], map.getMaxZoom(), { animate: false });
            var point = map.latLngToContainerPoint([lat, lon]);
            var rect = map.getContainer().getBoundingClientRect();
            var init = {
                bubbles: true, cancelable: true, view: window,
                clientX: rect.left + point.x, clientY: rect.top + point.y
            };
            var target = map.getContainer();
            target.dispatchEvent(new MouseEvent("mousedown", init));
            target.dispatchEvent(new MouseEvent("mouseup", init));
            target.dispatchEvent(new MouseEvent("click", init));
            return true;
        },
        centre: function () { var c = map.getCenter(); return { lat: c.lat, lon: c.lng }; }
    };

    if (document.readyState === "loading") {
        // folium's inline script, which creates the map, runs after this file is parsed.
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
