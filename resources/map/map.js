/*
 * GridDesk live map layers. The base map (geography) is drawn by folium; this script owns the
 * live layers: event markers in a cluster group, grid labels, the legend and the selection.
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
    var ALARM_OUTLINES = { warning: "#f5c400", overdue: "#d7191c", escalated: "#d7191c" };
    var STATE_ORDER = ["reported", "accepted", "dispatched", "responded", "resolved"];
    var ALARM_ORDER = ["warning", "overdue", "escalated"];
    var GRID_LABEL_MIN_ZOOM = 14;
    var TOOLTIP_DESCRIPTION_CHARS = 60;

    var map = null;
    var clusters = null;
    var markers = new Map();  // event id -> L.CircleMarker, its data in marker.griddeskEvent
    var labels = {};
    var legend = null;
    var gridLabelLayer = null;
    var selectionRing = null;
    var selectedId = null;
    var bridge = null;
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
            radius: isAlarmed(ev) ? 9 : 6,
            color: outline || "#ffffff",
            weight: outline ? 3 : 1.5,
            opacity: 1,
            fillColor: STATE_COLOURS[ev.state] || UNKNOWN_STATE_COLOUR,
            fillOpacity: 0.92
        };
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
        marker.on("click", function () {
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
        var count = cluster.getChildCount();
        var size = count < 10 ? 30 : count < 100 ? 36 : 42;
        var inner = element("span", "", count);
        return L.divIcon({
            html: inner,
            className: "griddesk-cluster" + (alarmed ? " griddesk-cluster-alarm" : ""),
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
        return addChunked(layers).then(refreshSelection);
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
        return addChunked(added.concat(moved)).then(refreshSelection);
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
        refreshSelection();
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
        if (legend) {
            legend.remove();
        }
        legend = L.control({ position: "bottomright" });
        legend.onAdd = buildLegend;
        legend.addTo(map);
        markers.forEach(function (marker) {
            if (marker.isTooltipOpen()) {
                marker.setTooltipContent(tooltipContent(marker.griddeskEvent));
            }
        });
    }

    function buildLegend() {
        var box = element("div", "griddesk-legend");
        L.DomEvent.disableClickPropagation(box);
        box.appendChild(element("div", "griddesk-legend-title", labels.legend || ""));
        STATE_ORDER.forEach(function (state) {
            var row = element("div", "griddesk-legend-row");
            var swatch = element("span", "griddesk-legend-dot");
            swatch.style.backgroundColor = STATE_COLOURS[state];
            row.appendChild(swatch);
            row.appendChild(element("span", "", stateLabel(state)));
            box.appendChild(row);
        });
        ALARM_ORDER.forEach(function (alarm) {
            var row = element("div", "griddesk-legend-row");
            var swatch = element("span", "griddesk-legend-dot griddesk-legend-ring");
            swatch.style.borderColor = ALARM_OUTLINES[alarm];
            if (alarm !== "warning") {
                swatch.classList.add("griddesk-legend-big");
            }
            row.appendChild(swatch);
            row.appendChild(element("span", "", labels[alarm] || alarm));
            box.appendChild(row);
        });
        return box;
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
        function toggle() {
            if (map.getZoom() >= GRID_LABEL_MIN_ZOOM) {
                gridLabelLayer.addTo(map);
            } else {
                gridLabelLayer.remove();
            }
        }
        map.on("zoomend", toggle);
        toggle();
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
        legendText: function () {
            var node = document.querySelector(".griddesk-legend");
            return node ? node.textContent : null;
        }
    };

    if (document.readyState === "loading") {
        // folium's inline script, which creates the map, runs after this file is parsed.
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
